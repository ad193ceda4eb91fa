import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/index.js";
import { RawClient } from "./client.js";

let emu: RunningEmulator;
let admin: RawClient;
let standard: RawClient;
let vol = "";
let outside = "";

const file = (rel: string, content = "x"): void => {
  const p = join(vol, rel);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, content);
};

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await RawClient.as(emu, "admin");
  standard = await RawClient.as(emu, "standard");
  vol = String((await admin.find("volume", "code=projects"))[0]?.path);
  file("shots/sh010/plate.mov", "12345");
  file("shots/sh010/plate_proxy.mov", "12");
  file("shots/sh010/notes.txt", "abc");
  file("shots/sh020/deep/deeper/f.exr", "1234567890");
  file("incoming/a.mov", "aaaa");
  outside = mkdtempSync(join(tmpdir(), "emu-outside-"));
  writeFileSync(join(outside, "secret.txt"), "secret");
  symlinkSync(outside, join(vol, "escape"));
  symlinkSync(join(outside, "secret.txt"), join(vol, "escape-file"));
  symlinkSync(join(outside, "nothing-here"), join(vol, "dangling"));
});
afterAll(async () => {
  await emu.stop();
  rmSync(outside, { recursive: true, force: true });
});

async function op(c: RawClient, method: string, data: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  return c.call(method, "workspace/file", data);
}

describe("file operations", () => {
  it("lists a directory, recursively with maxdepth, sizes and filters", async () => {
    const a = await op(admin, "GET", { op: "ls", path: "share=projects/shots/sh010", download: true, recursive: false, getsize: false });
    const files = a.body.result as Array<Record<string, unknown>>;
    expect(files.map((f) => f.filename)).toEqual(["notes.txt", "plate.mov", "plate_proxy.mov"]);
    expect(files[1]).toEqual({ type: 1, filename: "plate.mov", size: 5, modified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/) as unknown });
    const rec = await op(admin, "GET", { op: "ls", path: "share=projects/shots", recursive: true, getsize: true, maxdepth: 2 });
    const tree = rec.body.result as Array<Record<string, unknown>>;
    expect(tree.map((f) => [f.filename, f.type, f.size])).toEqual([["sh010", 0, 10], ["sh020", 0, 10]]);
    const sh020 = tree[1]?.files as Array<Record<string, unknown>>;
    expect(sh020[0]).toMatchObject({ filename: "deep", type: 0 });
    expect(sh020[0]?.files).toBeUndefined();
    const full = await op(admin, "GET", { op: "ls", path: "share=projects/shots/sh020", recursive: true, files_only: true });
    expect((full.body.result as Array<{ filename: string }>).map((f) => f.filename)).toEqual(["f.exr"]);
    const filtered = await op(admin, "GET", { op: "ls", path: "volume=(default)/shots/sh010", include: "*.mov", exclude: ["*_proxy.mov"] });
    expect((filtered.body.result as unknown[])).toHaveLength(2);
    const ex = await op(admin, "GET", { op: "ls", path: "shots/sh010", exclude: ["*_proxy*", "re('^notes')"] });
    expect((ex.body.result as Array<{ filename: string }>).map((f) => f.filename)).toEqual(["plate.mov"]);
    const dirs = await op(admin, "GET", { op: "ls", path: "share=projects", directories_only: true });
    // directories carry a size only when asked with getsize (doc/file.rst)
    expect((dirs.body.result as Array<Record<string, unknown>>).every((f) => f.type === 0 && !("size" in f))).toBe(true);
    const list = await op(admin, "GET", { op: "ls", path: ["share=projects/shots", "share=projects/missing"] });
    expect(list.body.result).toEqual([
      { path: "share=projects/shots", result: expect.any(Array) as unknown },
      { path: "share=projects/missing", message: expect.stringContaining("does not exist") as unknown },
    ]);
  });

  it("answers getsize and exists", async () => {
    expect((await op(admin, "GET", { op: "getsize", path: "share=projects/shots", include: "*.mov", exclude: ["*_proxy.mov"] })).body.result).toBe(7);
    expect((await op(admin, "GET", { op: "getsize", path: "share=projects/shots", exclude: ["*_proxy.mov", "*.exr"] })).body.result).toBe(8);
    expect((await op(admin, "GET", { op: "exists", path: "share=projects/shots/sh010" })).body).toEqual({ result: true });
    expect((await op(admin, "GET", { op: "exists", path: "share=projects/nope" })).body).toEqual({ result: false });
  });

  it("makes, renames, moves and deletes", async () => {
    expect((await op(admin, "POST", { op: "mkdir", path: "share=projects/work" })).body).toEqual({ result: true });
    expect((await op(admin, "POST", { op: "mkdir", path: "share=projects/work" })).status).toBe(409);
    expect((await op(admin, "POST", { op: "mkdir", path: "share=projects/no/parent" })).status).toBe(404);
    expect((await op(admin, "PUT", { op: "rename", path: "share=projects/work", path_to: "share=projects/work2" })).body).toEqual({ result: true });
    expect((await op(admin, "PUT", { op: "rename", path: "share=projects/work2", path_to: "share=projects/shots/work3" })).status).toBe(400);
    expect((await op(admin, "PUT", { op: "move", path: "share=projects/incoming/a.mov", path_to: "share=projects/work2/a.mov" })).body).toEqual({ result: true });
    expect(existsSync(join(vol, "work2/a.mov"))).toBe(true);
    const refused = await op(admin, "POST", { op: "delete", path: "share=projects/work2" });
    expect(refused.body.message).toBe("Cannot delete non-empty directory 'share=projects/work2'!");
    expect((await op(admin, "POST", { op: "delete", path: "share=projects/work2", force: true })).body).toEqual({ result: true });
    expect(existsSync(join(vol, "work2"))).toBe(false);
    expect((await op(admin, "POST", { op: "fly", path: "share=projects" })).status).toBe(400);
  });

  it("scopes a standard user to the ACL's path", async () => {
    const folder = await admin.create("folder", { name: "Delivery Folder", path: "delivery-folder" });
    const code = String(folder.code);
    mkdirSync(join(vol, "delivery-folder/DOWNLOAD"), { recursive: true });
    mkdirSync(join(vol, "delivery-folder/UPLOAD"), { recursive: true });
    mkdirSync(join(vol, "delivery-folder/PRIVATE"), { recursive: true });
    writeFileSync(join(vol, "delivery-folder/DOWNLOAD/cut.mov"), "cut");
    await admin.create("acl", { entity: `user:${standard.userId}`, target: `share:${String(folder.id)}`, path: "DOWNLOAD", read: true, write: false });
    const root = await op(standard, "GET", { op: "ls", path: `folder=${code}` });
    expect((root.body.result as Array<{ filename: string }>).map((f) => f.filename)).toEqual(["DOWNLOAD"]);
    const dl = await op(standard, "GET", { op: "ls", path: `folder=${code}/DOWNLOAD` });
    expect((dl.body.result as Array<{ filename: string }>).map((f) => f.filename)).toEqual(["cut.mov"]);
    expect((await op(standard, "GET", { op: "ls", path: `folder=${code}/PRIVATE` })).status).toBe(403);
    expect((await op(standard, "POST", { op: "mkdir", path: `folder=${code}/DOWNLOAD/x` })).status).toBe(403);
    expect((await op(standard, "PUT", { op: "rename", path: `folder=${code}/DOWNLOAD/cut.mov`, path_to: `folder=${code}/DOWNLOAD/c.mov` })).status).toBe(403);
    expect((await op(standard, "POST", { op: "delete", path: `folder=${code}/DOWNLOAD/cut.mov` })).status).toBe(403);
    await admin.create("acl", { entity: `user:${standard.userId}`, target: `share:${String(folder.id)}`, path: "UPLOAD", read: false, write: true });
    expect((await op(standard, "GET", { op: "ls", path: `folder=${code}/UPLOAD` })).status).toBe(403);
    expect((await op(standard, "POST", { op: "mkdir", path: `folder=${code}/UPLOAD/new` })).body).toEqual({ result: true });
    expect((await op(standard, "PUT", { op: "rename", path: `folder=${code}/UPLOAD/new`, path_to: `folder=${code}/UPLOAD/newer` })).body).toEqual({ result: true });
    expect((await op(standard, "PUT", { op: "move", path: `folder=${code}/UPLOAD/newer`, path_to: `folder=${code}/newer` })).status).toBe(403);
    expect((await op(standard, "POST", { op: "delete", path: `folder=${code}/UPLOAD/newer` })).body).toEqual({ result: true });
    const access = await standard.find("acl", `target=share:${String(folder.id)}`);
    expect(access).toEqual([expect.objectContaining({ path: "DOWNLOAD,UPLOAD", read: true, write: true })]);
    expect((await op(standard, "GET", { op: "ls", path: "share=projects" })).status).toBe(404);
  });
});

const ESCAPES = [
  "..", "../etc", "./../x", "share=projects/..", "share=projects/../x", "share=projects/./..", "share=projects/a/../../x",
  "share=projects/shots/sh010/../../../x", "volume=(default)/..", "volume=projects/../../", "/etc/passwd", "/tmp", "C:/Windows",
  "c:\\windows", "share=projects/a\\..\\..\\x", "share=projects/..\\..", "share=projects/%2e%2e/x", "share=projects/a%2fb",
  "share=projects/a%5c..", "share=projects/%00", "share=projects/x\u0000y", "share=projects//etc/passwd", "~/x", "~root/x",
  "share=projects/escape", "share=projects/escape/secret.txt", "share=projects/escape/new", "share=projects/escape-file",
  "share=projects/dangling", "share=projects/dangling/x", "home=standard@acme.test/../..", "share=nope/x", "folder=../x",
  "volume=..%2f../x",
];

describe("confinement", () => {
  it(`refuses ${ESCAPES.length} escape attempts on every operation and touches nothing outside`, async () => {
    expect(ESCAPES.length).toBeGreaterThanOrEqual(30);
    const before = readdirSync(outside).sort();
    for (const path of ESCAPES) {
      const attempts: Array<[string, Record<string, unknown>]> = [
        ["GET", { op: "ls", path }], ["GET", { op: "getsize", path }], ["POST", { op: "mkdir", path }],
        ["POST", { op: "delete", path, force: true }], ["PUT", { op: "move", path: "share=projects/shots/sh010/notes.txt", path_to: path }],
        ["PUT", { op: "move", path, path_to: "share=projects/stolen" }],
      ];
      for (const [method, data] of attempts) {
        const a = await op(admin, method, data);
        expect(a.body, `${String(data.op)} ${JSON.stringify(path)}`).toHaveProperty("message");
        expect(a.status).toBeGreaterThanOrEqual(400);
      }
    }
    expect(readdirSync(outside).sort()).toEqual(before);
    expect(existsSync(join(vol, "stolen"))).toBe(false);
    expect(existsSync(join(vol, "shots/sh010/notes.txt"))).toBe(true);
  });
});
