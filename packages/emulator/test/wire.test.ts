import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/index.js";
import { emulatorWithAdmin, type RawClient } from "./client.js";

/**
 * Answer shapes the vectors cannot show through shape parity (they need state the vectors do not record):
 * conformance/CONFORMANCE.md, "Answer shapes — corrected".
 */
let emu: RunningEmulator;
let admin: RawClient;

beforeAll(async () => ({ emu, admin } = await emulatorWithAdmin({ jobs: { run: false } })));
afterAll(() => emu.stop());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("answer shapes", () => {
  it("grant on a share where the user already has an ACL answers [true]", async () => {
    const folder = await admin.create("folder", { name: "Regrant", path: "regrant" });
    const grant = { entity: "user:standard@acme.test", target: `share:${String(folder.id)}`, read: true, write: false };
    const first = await admin.call("POST", "acl/create", grant);
    expect(first.body.result).toEqual([expect.objectContaining({ acknowledged: false, token: "", read: true, write: false })]);
    expect((await admin.call("POST", "acl/create", { ...grant, write: true })).body).toEqual({ result: [true] });
  });

  it("jobs answer without tasks, with <entitytype>:<id> parties; tasks have uuid ids and party dicts", async () => {
    const job = await admin.create("job", { source: "share=projects/a.mov", destination: "employee@acme.test:/in/" });
    expect(job).not.toHaveProperty("tasks");
    expect(job.source).toMatch(/^workspace:[0-9a-f]{24}$/);
    expect(job.destination).toMatch(/^user:[0-9a-f]{24}$/);
    expect(job.destination_hr).toMatch(/^user:employee@acme\.test\[employee\]\([0-9a-f]{24}\)$/);
    const [task] = await admin.find("task", undefined, { parent: String(job.id) });
    expect(task?.id).toMatch(UUID);
    expect(task?.source).toMatchObject({ path: "a.mov", v: expect.stringMatching(/^[0-9a-f]{24}$/) as unknown });
    expect(task?.destination).toMatchObject({ path: "/in/", user: expect.stringMatching(/^[0-9a-f]{24}$/) as unknown });
    expect(task?.job_hr).toMatch(new RegExp(`\\(${String(job.id)}\\)$`));
  });

  it("find_one also finds a finished job when no active one matches (release notes 3.2.3)", async () => {
    const job = await admin.create("job", { code: "finished-one", source: "share=projects/f.mov", destination: "site=hq" });
    await admin.call("PUT", "job/edit", { status: "done" }, { id: String(job.id) });
    expect(await admin.find("transfer", "code=finished-one")).toEqual([]);
    const one = await admin.find("transfer", "code=finished-one", { single_entity_query: true });
    expect(one.map((j) => j.status)).toEqual(["done"]);
  });

  it("queue dates carry an offset; users have no clearance", async () => {
    const [queue] = await admin.find("queue", "default=true");
    expect(queue?.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    const [user] = await admin.find("user", "code=standard@acme.test");
    expect(Object.keys(user ?? {}).sort()).toEqual(["code", "created", "creator", "description", "id", "logged_in", "metadata", "modified", "modifier", "name", "queue", "role", "status"]);
  });

  it("settings: set and delete answer true, get_settings a dict ({} when nothing is set)", async () => {
    const [queue] = await admin.find("queue", "default=true");
    const id = String(queue?.id);
    expect((await admin.call("GET", "setting", { entitytype: "queue" }, { id })).body).toEqual({ result: {} });
    expect((await admin.call("PUT", "setting", { entitytype: "queue", name: "quota", value: "1TB" }, { id })).body).toEqual({ result: true });
    expect((await admin.call("DELETE", "setting", { entitytype: "queue", name: "quota" }, { id })).body).toEqual({ result: true });
  });
});
