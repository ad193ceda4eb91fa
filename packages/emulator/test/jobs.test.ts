import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/index.js";
import { RawClient } from "./client.js";

let emu: RunningEmulator;
let admin: RawClient;
let dir = "";
let vol = "";
const clients: Record<string, string> = {};

const RATE = 20_000; // bytes per second
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "emu-jobs-"));
  emu = await startEmulator({ port: 0, dataDir: dir, jobs: { rate: RATE, tickMs: 10, pickupMs: 20 } });
  admin = await RawClient.as(emu, "admin");
  vol = String((await admin.find("volume", "code=projects"))[0]?.path);
  mkdirSync(join(vol, "src"), { recursive: true });
  writeFileSync(join(vol, "src/small.mov"), "small file");
  writeFileSync(join(vol, "src/big.mov"), Buffer.alloc(30_000, 7));
  for (const c of await admin.find("client")) clients[String(c.code)] = String(c.id);
});
afterAll(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function job(id: string): Promise<Record<string, unknown>> {
  const a = await admin.call("GET", "transfer/find", {}, { id });
  return (a.body.result as Record<string, unknown>[])[0] ?? {};
}

async function until(id: string, ok: (j: Record<string, unknown>) => boolean, ms = 8000): Promise<Record<string, unknown>> {
  const end = Date.now() + ms;
  for (;;) {
    const j = await job(id);
    if (ok(j)) return j;
    if (Date.now() > end) throw new Error(`timeout waiting for job ${id}: ${JSON.stringify(j)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sandbox = (client: string, ...rest: string[]): string => join(dir, "clients", clients[client] ?? "none", ...rest);

describe("transfers", () => {
  it("runs a transfer to done and really copies the file", async () => {
    const t = await admin.create("job", { source: "share=projects/src/small.mov", destination: "employee@acme.test:/incoming/", status: "waiting" });
    expect(t.status).toBe("init");
    const done = await until(String(t.id), (j) => j.status === "done");
    expect(done).toMatchObject({ progress: 100, size: 10, speed: -1, finished: expect.stringMatching(/^\d{4}-/) as unknown });
    expect(readFileSync(sandbox("employee-ws", "incoming", "small.mov"), "utf8")).toBe("small file");
    const tasks = await admin.find("task", undefined, { parent: String(t.id) });
    expect(tasks[0]).toMatchObject({ status: "done", size: 10 });
    expect(await admin.find("transfer", `id=${String(t.id)}`)).toHaveLength(0);
    expect(await admin.find("transfer", `id=${String(t.id)}`, { finished: true })).toHaveLength(1);
  });

  it("keeps a paused transfer paused (size measured), then pauses and resumes mid-way", async () => {
    const t = await admin.create("job", { source: "share=projects/src/big.mov", destination: "site=studio-b", status: "paused" });
    const id = String(t.id);
    await new Promise((r) => setTimeout(r, 100));
    expect((await job(id)).status).toBe("paused");
    const resumed = await admin.call("PUT", "job/edit", { status: "waiting" }, { id });
    expect(resumed.body.result).toEqual([expect.objectContaining({ status: "waiting" })]);
    const running = await until(id, (j) => j.status === "running" && Number(j.progress) > 5);
    expect(running.size).toBe(30_000);
    expect(running.speed).toBeGreaterThan(0);
    await admin.call("PUT", "job/edit", { status: "paused" }, { id });
    const at = Number((await job(id)).progress);
    await new Promise((r) => setTimeout(r, 200));
    const still = await job(id);
    expect(still.status).toBe("paused");
    expect(Number(still.progress)).toBeLessThanOrEqual(at + 2);
    await admin.call("PUT", "job/edit", { status: "waiting" }, { id });
    await until(id, (j) => j.status === "done");
    expect(existsSync(join(dir, "sites"))).toBe(true);
  });

  it("aborts mid-way", async () => {
    const t = await admin.create("job", { source: "share=projects/src/big.mov", destination: "site=studio-b:/aborted/", status: "waiting" });
    const id = String(t.id);
    await until(id, (j) => j.status === "running");
    await admin.call("PUT", "job/edit", { status: "aborted" }, { id });
    await new Promise((r) => setTimeout(r, 100));
    expect((await admin.find("transfer", `id=${id}`, { finished: true }))[0]?.status).toBe("aborted");
  });

  it("fails a task whose source does not exist, and the job with it", async () => {
    const t = await admin.create("job", { source: "share=projects/src/missing.mov", destination: "site=studio-b", status: "waiting" });
    const failed = await until(String(t.id), (j) => j.status === "failed");
    expect(failed.status).toBe("failed");
    const tasks = await admin.find("task", undefined, { parent: String(t.id) });
    expect(tasks[0]?.status).toBe("failed");
  });

  it("uploads from the user's own client, and refuses uploads without a client or write access", async () => {
    mkdirSync(sandbox("admin-laptop", "Users/ada"), { recursive: true });
    writeFileSync(sandbox("admin-laptop", "Users/ada/upload.mov"), "uploaded");
    const t = await admin.create("job", { source: "/Users/ada/upload.mov", destination: "share=projects/uploads/", status: "waiting" });
    await until(String(t.id), (j) => j.status === "done");
    expect(readFileSync(join(vol, "uploads/upload.mov"), "utf8")).toBe("uploaded");
    const std = await RawClient.as(emu, "standard");
    expect((await admin.call("DELETE", "client/deactivate", {}, { id: clients["standard-laptop"] ?? "" })).body).toEqual({ result: true });
    const noClient = await std.call("POST", "job/create", { source: "/home/stan/a.mov", destination: "share=projects/x/" });
    expect(noClient.status).toBe(400);
    expect(String(noClient.body.message)).toContain("no client");
    const folder = await admin.create("folder", { name: "Read Only", path: "read-only" });
    await admin.create("acl", { entity: `user:${std.userId}`, target: `share:${String(folder.id)}`, path: "DOWNLOAD", read: true, write: false });
    const ro = await std.call("POST", "job/create", { source: "share=projects/src/small.mov", destination: `folder=${String(folder.code)}/DOWNLOAD/` });
    expect(ro.status).toBe(403);
  });
});

describe("append", () => {
  it("adds a file to the user's matching recent transfer and revives it", async () => {
    const first = await admin.create("job", { source: "share=projects/src/small.mov", destination: "site=studio-b:/append/", status: "waiting" });
    await until(String(first.id), (j) => j.status === "done");
    const again = await admin.create("job", { source: "share=projects/src/big.mov", destination: "site=studio-b:/append/", append: true });
    expect(again.id).toBe(first.id);
    expect(again.status).not.toBe("done");
    await until(String(first.id), (j) => j.status === "done");
    expect(await admin.find("task", undefined, { parent: String(first.id) })).toHaveLength(2);
  });
});

describe("deliveries", () => {
  // Evidence: reference tests/test_delivery.py test_submit_temp_delivery (a submitted delivery goes pending → waiting
  // and stays waiting); doc/deliveries.rst "List file transfers associated with a delivery" (recipients fetch it
  // with transfers beneath it); accsyn doc delivery/index.md (done when it expires).
  it("receives an upload, needs a recipient, then waits for its recipients to fetch it", async () => {
    const d = await admin.create("delivery", { name: "Cut 3" });
    const id = String(d.id);
    writeFileSync(sandbox("admin-laptop", "cut3.mov"), "the cut");
    const up = await admin.create("job", { parent: id, source: "/cut3.mov", status: "waiting" });
    await until(String(up.id), (j) => j.status === "done");
    const files = await admin.find("task", undefined, { parent: id });
    // a task's source is a party dict (doc/transfers.rst): the delivery's file, by path and share
    expect(files.map((f) => f.source)).toEqual([expect.objectContaining({ path: "cut3.mov", s: id })]);
    expect((await admin.call("PUT", "delivery/edit", { status: "pending" }, { id })).status).toBe(400);
    await admin.call("PUT", "job/recipient/add", { recipient: "employee@acme.test" }, { id });
    expect((await admin.call("PUT", "delivery/edit", { status: "pending" }, { id })).body.result).toEqual([expect.objectContaining({ status: "pending" })]);
    const delivery = async (): Promise<Record<string, unknown>> => ((await admin.call("GET", "delivery/find", {}, { id })).body.result as Record<string, unknown>[])[0] ?? {};
    const end = Date.now() + 8000;
    while (Date.now() < end && (await delivery()).status !== "waiting") await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    expect(await delivery()).toMatchObject({ status: "waiting", size: 7 });
    const expires = ((await admin.call("GET", "delivery/find", { attributes: ["expires"] }, { id })).body.result as Array<{ expires: string }>)[0]?.expires;
    expect(Date.parse(`${expires}Z`) - Date.now()).toBeGreaterThan(29 * 24 * 3600_000);
    expect(existsSync(sandbox("employee-ws", "cut-3"))).toBe(false);

    const employee = await RawClient.as(emu, "employee");
    const fetch = await employee.create("job", { parent: id, status: "waiting" });
    const fetched = await admin.find("task", undefined, { parent: String(fetch.id) });
    expect(fetched.map((t) => t.source)).toEqual([expect.objectContaining({ s: id, path: "cut3.mov" })]);
    await until(String(fetch.id), (j) => j.status === "done");
    expect(readFileSync(sandbox("employee-ws", "cut-3", "cut3.mov"), "utf8")).toBe("the cut");
    expect((await admin.call("GET", "job/recipients", {}, { id })).body.result).toEqual([expect.objectContaining({ actioned: true })]);
    expect((await delivery()).status).toBe("waiting");
    const std = await RawClient.as(emu, "standard");
    expect((await std.call("POST", "job/create", { parent: id, source: "share=projects/src/small.mov" })).status).toBe(403);
  });
});
