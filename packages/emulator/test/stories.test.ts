import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/index.js";
import { RawClient } from "./client.js";

let emu: RunningEmulator;
let admin: RawClient;
let standard: RawClient;
const clients: Record<string, string> = {};

beforeAll(async () => {
  emu = await startEmulator({ port: 0, jobs: { rate: 0, tickMs: 5, pickupMs: 20 } });
  admin = await RawClient.as(emu, "admin");
  standard = await RawClient.as(emu, "standard");
  for (const c of await admin.find("client")) clients[String(c.code)] = String(c.id);
});
afterAll(async () => {
  await emu.stop();
});

async function waitDone(c: RawClient, id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 400; i++) {
    const j = ((await c.call("GET", "transfer/find", {}, { id })).body.result as Record<string, unknown>[])[0];
    if (j && (j.status === "done" || j.status === "failed")) return j;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`job ${id} did not finish`);
}

const names = (a: { body: Record<string, unknown> }): string[] => (a.body.result as Array<{ filename: string }>).map((f) => f.filename);

describe("file-sharing story", () => {
  it("shares a sub-folder read-only with a standard user who downloads but cannot write", async () => {
    const folder = await admin.create("folder", { name: "Share Out", path: "share-out" });
    const code = String(folder.code);
    for (const dir of ["DOWNLOAD", "INTERNAL"]) expect((await admin.call("POST", "workspace/file", { op: "mkdir", path: `folder=${code}/${dir}` })).body).toEqual({ result: true });
    const laptop = join(emu.dataDir, "clients", clients["admin-laptop"] ?? "", "work");
    mkdirSync(laptop, { recursive: true });
    writeFileSync(join(laptop, "edit_v1.mov"), "edit v1");
    const up = await admin.create("job", { source: "/work/edit_v1.mov", destination: `folder=${code}/DOWNLOAD/`, status: "waiting" });
    expect((await waitDone(admin, String(up.id))).status).toBe("done");
    await admin.create("acl", { entity: `user:${standard.userId}`, target: `share:${String(folder.id)}`, path: "DOWNLOAD", read: true, write: false });

    expect((await standard.find("folder")).map((f) => f.code)).toEqual([code]);
    expect(names(await standard.call("GET", "workspace/file", { op: "ls", path: `folder=${code}` }))).toEqual(["DOWNLOAD"]);
    expect(names(await standard.call("GET", "workspace/file", { op: "ls", path: `folder=${code}/DOWNLOAD` }))).toEqual(["edit_v1.mov"]);

    const down = await standard.create("job", { source: `folder=${code}/DOWNLOAD/edit_v1.mov`, destination: "standard@acme.test:/downloads/", status: "waiting" });
    expect((await waitDone(standard, String(down.id))).status).toBe("done");
    expect(readFileSync(join(emu.dataDir, "clients", clients["standard-laptop"] ?? "", "downloads", "edit_v1.mov"), "utf8")).toBe("edit v1");

    const sneaky = await standard.create("job", { source: `folder=${code}/INTERNAL/x`, destination: "standard@acme.test:/downloads/", status: "waiting" });
    expect((await waitDone(standard, String(sneaky.id))).status).toBe("failed");
    expect((await standard.call("POST", "job/create", { source: "/c/notes.txt", destination: `folder=${code}/DOWNLOAD/` })).status).toBe(403);
    expect((await standard.call("POST", "workspace/file", { op: "mkdir", path: `folder=${code}/DOWNLOAD/mine` })).status).toBe(403);
  });
});

describe("request story", () => {
  it("lets a recipient upload into a request, landing in the requester's share folder", async () => {
    const req = await admin.create("request", { name: "Send plates", destination: "share=projects/requested/", recipients: ["standard@acme.test"] });
    expect(req.status).toBe("init");
    expect((await standard.find("request")).map((r) => r.id)).toEqual([req.id]);
    const sandbox = join(emu.dataDir, "clients", clients["standard-laptop"] ?? "");
    writeFileSync(join(sandbox, "plate.exr"), "plate");
    const early = await standard.call("POST", "job/create", { parent: String(req.id), source: "/plate.exr", status: "waiting" });
    expect(early.body.message).toMatch(/uploads are accepted once it is submitted/);
    expect((await admin.call("PUT", "request/edit", { status: "pending" }, { id: String(req.id) })).body.result).toEqual([expect.objectContaining({ status: "pending" })]);
    const up = await standard.create("job", { parent: String(req.id), source: "/plate.exr", status: "waiting" });
    expect((await waitDone(standard, String(up.id))).status).toBe("done");
    const listed = await admin.call("GET", "workspace/file", { op: "ls", path: "share=projects/requested" });
    expect(names(listed)).toEqual(["plate.exr"]);
    const done = ((await admin.call("GET", "request/find", {}, { id: String(req.id) })).body.result as Record<string, unknown>[])[0];
    expect(done?.status).toBe("done");
    const other = await admin.create("request", { name: "Not for you" });
    expect((await standard.call("POST", "job/create", { parent: String(other.id), source: "/plate.exr" })).status).toBe(403);
  });
});
