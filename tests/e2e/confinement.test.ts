/**
 * Issue 5 through the SDK: a corpus of escape attempts through the file methods, all refused with
 * an AccsynApiError, and nothing outside the volumes touched (sentinels checked byte for byte).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccsynApiError, type AccsynPath } from "@accsyn/api";
import { startE2E, writeFileAt, type E2E } from "./support.js";

let e2e: E2E;
let outside: string;
let deliveryId: string;
let folder: string;
const SECRET = "do not touch";

/** A snapshot of a directory tree: relative path → content (files) or "<dir>". */
function snapshot(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const rel = `${prefix}${d.name}`;
    if (d.isSymbolicLink()) out[rel] = "<link>";
    else if (d.isDirectory()) Object.assign(out, { [rel]: "<dir>" }, snapshot(join(dir, d.name), `${rel}/`));
    else out[rel] = readFileSync(join(dir, d.name), "utf8");
  }
  return out;
}

let before: { outside: Record<string, string>; data: Record<string, string>; mtime: number };

beforeAll(async () => {
  e2e = await startE2E();
  outside = mkdtempSync(join(tmpdir(), "accsyn-e2e-outside-"));
  writeFileAt(join(outside, "secret.txt"), SECRET);
  writeFileAt(join(e2e.emu.dataDir, "sentinel.txt"), SECRET);
  writeFileAt(join(e2e.volumeDir, "ok", "inside.txt"), "inside");
  symlinkSync(outside, join(e2e.volumeDir, "escape-link"));
  symlinkSync(join(outside, "secret.txt"), join(e2e.volumeDir, "ok", "file-link"));
  symlinkSync("../../..", join(e2e.volumeDir, "ok", "relative-link"));
  folder = String((await e2e.admin.create("Folder", { name: "conf", path: "conf" })).code);
  deliveryId = (await e2e.admin.create("Delivery", { name: "conf" })).id;
  await e2e.admin.create("Home", { user: "standard@acme.test" });
  before = { outside: snapshot(outside), data: snapshot(e2e.emu.dataDir), mtime: statSync(join(outside, "secret.txt")).mtimeMs };
});
afterAll(async () => {
  await e2e.stop();
  rmSync(outside, { recursive: true, force: true });
});

/** Paths that try to leave their share, each with what it tries. */
function corpus(): Array<[string, AccsynPath]> {
  return [
    ["parent of a share", "share=projects/../sentinel.txt"],
    ["two parents", "share=projects/../../sentinel.txt"],
    ["parent after a directory", "share=projects/ok/../../sentinel.txt"],
    ["dot then parent", "share=projects/./../sentinel.txt"],
    ["deep parents", "share=projects/ok/../../../../../../etc/passwd"],
    ["absolute path", "/etc/passwd"],
    ["absolute path to the data folder", `${e2e.emu.dataDir}/sentinel.txt`],
    ["absolute path inside a share", "share=projects//etc/passwd"],
    ["encoded dots", "share=projects/%2e%2e/sentinel.txt"],
    ["encoded slash", "share=projects/..%2fsentinel.txt"],
    ["upper-case encoding", "share=projects/%2E%2E%2Fsentinel.txt"],
    ["encoded backslash", "share=projects/..%5csentinel.txt"],
    ["encoded NUL", "share=projects/ok/inside.txt%00.png"],
    ["backslashes", "share=projects\\..\\sentinel.txt"],
    ["mixed separators", "share=projects/ok\\..\\..\\sentinel.txt"],
    ["NUL byte", "share=projects/ok/inside.txt\u0000.png"],
    ["directory symlink out", "share=projects/escape-link"],
    ["file under a symlink out", "share=projects/escape-link/secret.txt"],
    ["file symlink out", "share=projects/ok/file-link"],
    ["relative symlink out", "share=projects/ok/relative-link/sentinel.txt"],
    ["bare relative parent", "../sentinel.txt"],
    ["bare relative deep parent", "ok/../../../sentinel.txt"],
    ["default volume parent", "volume=(default)/../sentinel.txt"],
    ["volume by code parent", "volume=projects/../../sentinel.txt"],
    ["folder parent", `folder=${folder}/../../sentinel.txt`],
    ["home parent", "home=standard@acme.test/../../../sentinel.txt"],
    ["delivery parent", `delivery=${deliveryId}/../../volumes`],
    ["Windows drive", "C:\\Windows\\system32"],
    ["Windows drive, slashes", "c:/windows/win.ini"],
    ["home directory", "~/.ssh/id_rsa"],
    ["share named ..", "share=../sentinel.txt"],
    ["path object parent", { share: "projects", path: "../sentinel.txt" }],
    ["path object absolute", { share: "projects", path: "/etc/passwd" }],
    ["path object symlink", { share: "projects", path: "escape-link/secret.txt" }],
  ];
}

describe("confinement corpus", () => {
  it("has at least 30 escape attempts", () => {
    expect(corpus().length).toBeGreaterThanOrEqual(30);
  });

  it.each(["ls", "getSize", "exists", "mkdir", "delete", "rename", "mv"] as const)("refuses every attempt through %s", async (op) => {
    const { admin } = e2e;
    const refusals: string[] = [];
    for (const [what, path] of corpus()) {
      const call = {
        ls: () => admin.ls(path, { recursive: true }),
        getSize: () => admin.getSize(path),
        exists: () => admin.exists(path),
        mkdir: () => admin.mkdir(typeof path === "string" ? `${path}/pwned` : { ...path, path: `${String(path.path)}/pwned` }),
        delete: () => admin.delete(path, { force: true }),
        rename: () => admin.rename(path, typeof path === "string" ? `${path}.moved` : { ...path, path: `${String(path.path)}.moved` }),
        mv: () => admin.mv("share=projects/ok/inside.txt", path),
      }[op];
      const err = await call().then((v) => `answered ${JSON.stringify(v)}`, (e: unknown) => e);
      if (!(err instanceof AccsynApiError)) refusals.push(`${what}: ${String(err)}`);
    }
    expect(refusals).toEqual([]);
  });

  it("refuses escapes in lists of paths entry by entry", async () => {
    const answer = await e2e.admin.exists(["share=projects/ok/inside.txt", "share=projects/../sentinel.txt", "share=projects/escape-link/secret.txt"]);
    expect(answer.map((a) => ("result" in a ? a.result : "refused"))).toEqual([true, "refused", "refused"]);
    expect(answer.slice(1).every((a) => typeof a.message === "string")).toBe(true);
  });

  it("refuses '..' in any task path when the job is created, so no job exists", async () => {
    const { admin } = e2e;
    const jobsBefore = (await admin.find("job")).length;
    for (const [source, destination] of [
      ["/../../../sentinel.txt", "share=projects/ok/"],
      ["share=projects/ok/inside.txt", "admin@acme.test:/../../../../pwned/"],
      ["share=projects/ok/inside.txt", "site=hq:../../pwned/"],
      ["share=projects/ok/../../sentinel.txt", "admin@acme.test:/in/"],
      ["C:\\work\\..\\..\\sentinel.txt", "share=projects/ok/"],
    ]) {
      await expect(admin.create("Job", { source, destination }), `${source} → ${destination}`).rejects.toThrow(/'\.\.' is not allowed/);
    }
    const job = await admin.create("Job", { source: "share=projects/ok/inside.txt", destination: "admin@acme.test:/in/", status: "paused" });
    await expect(admin.create("Task", { source: "share=projects/../sentinel.txt", destination: "admin@acme.test:/in/" }, { entityId: job.id }))
      .rejects.toThrow(/'\.\.' is not allowed/);
    expect(await admin.find("job")).toHaveLength(jobsBefore + 1);
    expect(await admin.find(`task WHERE job=${job.id}`)).toHaveLength(1);
  });

  it("refuses escapes in transfers: the job fails and nothing is copied", async () => {
    const { admin } = e2e;
    for (const [source, destination] of [
      ["/../../../sentinel.txt", "share=projects/ok/"],
      ["share=projects/escape-link/secret.txt", "admin@acme.test:/stolen/"],
      ["share=projects/ok/inside.txt", "admin@acme.test:/../../../../pwned/"],
      ["share=projects/ok/inside.txt", "site=hq:../../pwned/"],
    ]) {
      const job = await admin.create("Job", { source, destination }).catch((e: unknown) => e);
      if (job instanceof AccsynApiError) continue;
      const id = (job as { id: string }).id;
      const err = await admin.waitFor("Job", id, { intervalMs: 10, timeoutMs: 10_000 }).catch((e: unknown) => e);
      expect(err, `${source} → ${destination}`).toBeInstanceOf(AccsynApiError);
    }
  });

  it("touched nothing outside the volumes", () => {
    expect(snapshot(outside)).toEqual(before.outside);
    expect(statSync(join(outside, "secret.txt")).mtimeMs).toBe(before.mtime);
    expect(readFileSync(join(e2e.emu.dataDir, "sentinel.txt"), "utf8")).toBe(SECRET);
    const data = snapshot(e2e.emu.dataDir);
    const pwned = Object.keys(data).filter((k) => /pwned|stolen|\.moved/.test(k));
    expect(pwned).toEqual([]);
    const managed = /^(volumes|clients|deliveries|sites)(\/|$)/;
    expect(Object.keys(data).filter((k) => !managed.test(k))).toEqual(Object.keys(before.data).filter((k) => !managed.test(k)));
    expect(readFileSync(join(e2e.volumeDir, "ok", "inside.txt"), "utf8")).toBe("inside");
  });
});
