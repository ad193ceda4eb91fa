import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/index.js";
import { RawClient } from "./client.js";

let emu: RunningEmulator;
let admin: RawClient;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, jobs: { run: false } });
  admin = await RawClient.as(emu, "admin");
});
afterAll(async () => {
  await emu.stop();
});

describe("meta operations", () => {
  it("lists entity types and attributes per role", async () => {
    // current names only: `job` and `share` are deprecated aliases (doc/datatypes.rst, release notes 3.2.3)
    const types = (await admin.call("GET", "entitytypes")).body.result as string[];
    expect(types).toEqual(expect.arrayContaining(["user", "transfer", "delivery", "folder", "volume", "acl"]));
    expect(types).not.toContain("job");
    expect(types).not.toContain("share");
    const all = (await admin.call("GET", "attributes", { entitytype: "delivery", create: false, update: false })).body.result as string[];
    expect(all).toEqual(expect.arrayContaining(["code", "name", "public"]));
    expect(all).not.toContain("data");
    const create = (await admin.call("GET", "attributes", { entitytype: "job", create: true, update: false })).body.result as string[];
    expect(create).toContain("tasks");
    const update = (await admin.call("GET", "attributes", { entitytype: "user", create: false, update: true })).body.result as string[];
    expect(update).not.toContain("id");
    const std = await RawClient.as(emu, "standard");
    const stdAttrs = (await std.call("GET", "attributes", { entitytype: "delivery" })).body.result as string[];
    expect(stdAttrs.length).toBeLessThan(all.length);
    expect((await admin.call("GET", "attributes", { entitytype: "spaceship" })).status).toBe(400);
  });

  it("stores settings per scope", async () => {
    expect((await admin.call("GET", "setting", { entitytype: "workspace", name: "transfer_speedlimit", data: null })).body).toEqual({ result: "100" });
    expect((await admin.call("PUT", "setting", { entitytype: "workspace", name: "transfer_speedlimit", value: "250" })).body).toEqual({ result: true });
    expect((await admin.call("GET", "setting", { entitytype: "workspace", name: "transfer_speedlimit" })).body).toEqual({ result: "250" });
    expect((await admin.call("PUT", "setting", { entitytype: "workspace", name: "x", value: 5 })).status).toBe(400);
    const q = (await admin.find("queue", "default=true"))[0];
    await admin.call("PUT", "setting", { entitytype: "queue", name: "quota", value: "1TB" }, { id: String(q?.id) });
    const merged = await admin.call("GET", "setting", { entitytype: "queue", upstream: true }, { id: String(q?.id) });
    expect(merged.body.result).toMatchObject({ quota: "1TB", transfer_speedlimit: "250" });
    expect((await admin.call("DELETE", "setting", { entitytype: "workspace", name: "transfer_speedlimit" })).body).toEqual({ result: true });
    expect((await admin.call("GET", "setting", { entitytype: null, omit_defaults: true })).body).toEqual({ result: {} });
    const std = await RawClient.as(emu, "standard");
    expect((await std.call("PUT", "setting", { entitytype: "workspace", name: "a", value: "b" })).status).toBe(403);
  });

  it("answers api_key, logs and integrations", async () => {
    expect((await admin.call("GET", "user/api_key")).body).toEqual({ api_key: "demo-admin-key" });
    const logs = (await admin.call("GET", "logs", { entitytype: "workspace", limit: 5 })).body.result as unknown[];
    expect(logs.length).toBeGreaterThan(0);
    const integ = await admin.call("PUT", "workspace/integration/ftrack/utility", { operation: "get_projects", data: {} });
    expect(String(integ.body.message)).toContain("not available in the emulator");
  });
});

describe("inheritance and recursive access", () => {
  it("merges settings upstream workspace → queue → job", async () => {
    const q = await admin.create("queue", { name: "Inherit" });
    const job = await admin.create("job", { source: "share=projects/none", parent: String(q.id), status: "paused" });
    await admin.call("PUT", "setting", { entitytype: "workspace", name: "color", value: "red" });
    await admin.call("PUT", "setting", { entitytype: "queue", name: "size", value: "L" }, { id: String(q.id) });
    await admin.call("PUT", "setting", { entitytype: "job", name: "color", value: "blue" }, { id: String(job.id) });
    const merged = await admin.call("GET", "setting", { entitytype: "job", upstream: true }, { id: String(job.id) });
    expect(merged.body.result).toMatchObject({ color: "blue", size: "L", transfer_speedlimit: "100" });
    const own = await admin.call("GET", "setting", { entitytype: "job", upstream: false }, { id: String(job.id) });
    expect(own.body.result).toEqual({ color: "blue" });
    const omit = await admin.call("GET", "setting", { entitytype: "job", upstream: true, omit_defaults: true }, { id: String(job.id) });
    expect(omit.body.result).not.toHaveProperty("transfer_speedlimit");
  });

  it("omit_defaults drops a scope's own value when it equals the default", async () => {
    const q = await admin.create("queue", { name: "OwnDefault" });
    await admin.call("PUT", "setting", { entitytype: "queue", name: "transfer_speedlimit", value: "100" }, { id: String(q.id) });
    await admin.call("PUT", "setting", { entitytype: "queue", name: "max_transfers", value: "4" }, { id: String(q.id) });
    const kept = await admin.call("GET", "setting", { entitytype: "queue", upstream: false, omit_defaults: false }, { id: String(q.id) });
    expect(kept.body.result).toEqual({ transfer_speedlimit: "100", max_transfers: "4" });
    const omitted = await admin.call("GET", "setting", { entitytype: "queue", upstream: false, omit_defaults: true }, { id: String(q.id) });
    expect(omitted.body.result).toEqual({ max_transfers: "4" });
  });

  it("lists ACLs of a volume's folders with recursive", async () => {
    const vol = (await admin.find("volume", "code=projects"))[0];
    const folder = await admin.create("folder", { name: "Rec", parent: String(vol?.id) });
    await admin.create("acl", { entity: "user:employee@acme.test", target: `share:${String(folder.id)}`, read: true });
    const flat = await admin.call("GET", "acl/find", { recursive: false }, { query: `acl WHERE target=share:${String(vol?.id)}` });
    const rec = await admin.call("GET", "acl/find", { recursive: true }, { query: `acl WHERE target=share:${String(vol?.id)}` });
    expect((rec.body.result as unknown[]).length).toBe((flat.body.result as unknown[]).length + 1);
  });
});
