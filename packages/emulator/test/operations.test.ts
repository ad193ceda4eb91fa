import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/index.js";
import { RawClient } from "./client.js";

let emu: RunningEmulator;
let admin: RawClient;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await RawClient.as(emu, "admin");
});
afterAll(async () => {
  await emu.stop();
});

const HEX = /^[0-9a-f]{24}$/;
const DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;

describe("entities", () => {
  it("creates users with the invite options, and finds them by code", async () => {
    const u = await admin.create("user", { code: "Lisa@Example.com", name: "Lisa", create_home_share: true, give_default_volume_access: true });
    expect(u).toMatchObject({ code: "lisa@example.com", role: "standard", status: "enabled" });
    expect(u.id).toMatch(HEX);
    expect(u.created).toMatch(DATE);
    expect(u.creator_hr).toBeUndefined();
    expect(await admin.find("user", "code=lisa@example.com")).toHaveLength(1);
    const homes = await admin.find("home", `user=${String(u.id)}`);
    expect(homes[0]?.user_hr).toBe(`user:lisa@example.com[standard](${String(u.id)})`);
    const acls = await admin.find("acl", `entity=user:${String(u.id)}`);
    expect(acls).toHaveLength(1);
    const dup = await admin.call("POST", "user/create", { code: "lisa@example.com" });
    expect(dup.status).toBe(409);
    expect((await admin.call("POST", "user/create", { code: "not-an-email" })).status).toBe(400);
  });

  it("edits, deactivates, activates (by id and code) and deletes users", async () => {
    const u = await admin.create("user", { code: "dave@acme.test" });
    const id = String(u.id);
    const edited = await admin.call("PUT", "user/edit", { name: "Dave D", role: "employee" }, { id });
    expect(edited.body.result).toEqual([expect.objectContaining({ name: "Dave D", role: "employee" })]);
    expect((await admin.call("PUT", "user/edit", { status: "flying" }, { id })).status).toBe(400);
    expect((await admin.call("DELETE", "user/deactivate", {}, { id })).body).toEqual({ result: true });
    expect(await admin.find("user", "code=dave@acme.test")).toHaveLength(0);
    expect(await admin.find("user", "code=dave@acme.test", { inactive: true })).toHaveLength(1);
    expect((await admin.call("POST", "user/activate", {}, { query: "dave@acme.test" })).body).toEqual({ result: true });
    expect(await admin.find("user", "code=dave@acme.test")).toHaveLength(1);
    await admin.call("DELETE", "user/deactivate", {}, { id });
    expect((await admin.call("POST", "user/activate", {}, { id })).body).toEqual({ result: true });
    expect((await admin.call("DELETE", "user/delete", null, { id })).body).toEqual({ result: true });
    expect(await admin.find("user", "code=dave@acme.test", { inactive: true })).toHaveLength(0);
  });

  it("manages queues: code generation, uniqueness, default queue rules", async () => {
    const q = await admin.create("queue", { name: "Night Renders", priority: 200 });
    expect(q.code).toBe("night-renders");
    const q2 = await admin.create("queue", { name: "Night Renders" });
    expect(q2.code).toBe("night-renders-2");
    expect((await admin.call("POST", "queue/create", { code: "night-renders" })).status).toBe(409);
    const def = (await admin.find("queue", "default=true"))[0];
    expect(def?.name).toBe("ACME Film");
    expect((await admin.call("DELETE", "queue/delete", null, { id: String(def?.id) })).status).toBe(400);
    const job = await admin.create("job", { source: "share=projects/a.mov", destination: "employee@acme.test", parent: String(q.id) });
    expect((await admin.call("DELETE", "queue/delete", null, { id: String(q.id) })).body).toEqual({ result: true });
    const moved = (await admin.find("transfer", `id=${String(job.id)}`, { attributes: ["parent"] }))[0];
    expect(moved?.parent).toBe(def?.id);
  });

  it("manages sites (main site cannot be deleted)", async () => {
    const hq = (await admin.find("site", "code=hq"))[0];
    expect(hq?.main).toBe(true);
    expect((await admin.call("DELETE", "site/delete", null, { id: String(hq?.id) })).status).toBe(400);
    const s = await admin.create("site", { name: "Studio C" });
    expect((await admin.call("DELETE", "site/delete", null, { id: String(s.id) })).body).toEqual({ result: true });
  });

  it("manages volumes, folders, homes and collections", async () => {
    const vol = (await admin.find("volume", "default=true"))[0];
    expect(vol?.code).toBe("projects");
    const v2 = await admin.create("volume", { name: "Archive" });
    const folder = await admin.create("folder", { name: "Plates", parent: String(v2.id), path: "plates" });
    expect(folder).toMatchObject({ code: "plates", parent: v2.id, path: "plates", status: "enabled" });
    for (const k of ["code", "created", "creator", "description", "email", "id", "metadata", "modified", "modifier", "name", "parent", "path", "queue", "status", "status_hr"])
      expect(folder).toHaveProperty(k);
    const renamed = await admin.call("PUT", "folder/edit", { name: "Plates 2", status: "disabled" }, { id: String(folder.id) });
    expect(renamed.body.result).toEqual([expect.objectContaining({ name: "Plates 2", status: "disabled" })]);
    const acl = await admin.create("acl", { entity: "user:standard@acme.test", target: `share:${String(folder.id)}`, path: "DOWNLOAD", read: true, write: false });
    expect(await admin.call("DELETE", "folder/deactivate", {}, { id: String(folder.id) })).toMatchObject({ body: { result: true } });
    expect(await admin.find("folder", `id=${String(folder.id)}`)).toHaveLength(0);
    expect(await admin.find("acl", `id=${String(acl.id)}`)).toHaveLength(0);
    await admin.call("POST", "folder/activate", {}, { id: String(folder.id) });
    expect(await admin.find("acl", `id=${String(acl.id)}`)).toHaveLength(1);
    const home = await admin.create("home", { user: "standard@acme.test", parent: String(v2.id) });
    expect(home.user_hr).toMatch(/^user:standard@acme.test\[standard\]/);
    const coll = await admin.create("collection", { name: "Selects", files: ["volume=projects/a.exr"] });
    // file/add answers the added file entities, their ids uuids; removing by id answers true, false when not there (doc/filesharing.rst)
    const added = (await admin.call("POST", "file/add", { files: [{ path: "volume=projects/b.exr" }] }, { id: String(coll.id) })).body.result as Array<Record<string, unknown>>;
    expect(added).toEqual([{ created: expect.any(String) as unknown, id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-/) as unknown, path: "volume=projects/b.exr" }]);
    expect(await admin.find("file", undefined, { parent: String(coll.id) })).toHaveLength(2);
    const removed = await admin.call("DELETE", "collection/file/remove", { files: [String(added[0]?.id)] }, { id: String(coll.id) });
    expect(removed.body).toEqual({ result: true });
    expect((await admin.call("DELETE", "collection/file/remove", { files: [String(added[0]?.id)] }, { id: String(coll.id) })).body).toEqual({ result: false });
    expect((await admin.call("DELETE", "volume/delete", { force: true }, { id: String(v2.id) })).body).toEqual({ result: true });
    expect(await admin.find("folder", `id=${String(folder.id)}`)).toHaveLength(0);
    expect(await admin.find("acl", `id=${String(acl.id)}`)).toHaveLength(0);
  });

  it("assigns servers to volumes", async () => {
    const vol = (await admin.find("volume", "code=projects"))[0];
    const id = String(vol?.id);
    const server = (await admin.find("server", "roles contains storage"))[0];
    expect(server).toMatchObject({ status: "online", type: 1, roles: "storage" });
    expect((await admin.call("GET", "volume/servers", {}, { id })).body.result).toEqual([expect.objectContaining({ code: "fileserver01" })]);
    expect((await admin.call("DELETE", "volume/server", { client: String(server?.id) }, { id })).body).toEqual({ result: true });
    expect((await admin.call("GET", "volume/servers", {}, { id })).body.result).toEqual([]);
    expect((await admin.call("PUT", "share/server", { client: String(server?.id) }, { id })).body).toEqual({ result: true });
    expect((await admin.call("GET", "volume/servers", {}, { id })).body.result).toHaveLength(1);
  });

  it("finds, edits and deletes clients (only offline ones)", async () => {
    const app = (await admin.find("client", `user=admin@acme.test and type in 0,2`))[0];
    expect(app?.status).toBe("online");
    const id = String(app?.id);
    expect((await admin.call("DELETE", "client/delete", null, { id })).status).toBe(400);
    expect((await admin.call("PUT", "client/edit", { code: "x" }, { id })).status).toBe(400);
    expect((await admin.call("PUT", "client/edit", { status: "offline" }, { id })).body.result).toEqual([expect.objectContaining({ status: "offline" })]);
    expect((await admin.call("DELETE", "client/delete", null, { id })).body).toEqual({ result: true });
    expect((await admin.call("POST", "client/create", { code: "x" })).status).toBe(403);
  });
});

describe("jobs and tasks", () => {
  it("creates transfers from source/destination, task lists and task dicts", async () => {
    const one = await admin.create("job", { source: "share=projects/plates/A001.mov", destination: "employee@acme.test" });
    expect(one).toMatchObject({ name: "A001.mov", status: "init", user_hr: expect.stringContaining("admin@acme.test") as unknown });
    const two = await admin.create("transfer", { tasks: { "0": { source: "share=projects/a" }, "1": { source: "share=projects/b" } } });
    expect(two).not.toHaveProperty("tasks"); // a job answer never carries its tasks (tests/test_delivery.py)
    expect(one).toMatchObject({ source: expect.stringMatching(/^workspace:/) as unknown, destination: expect.stringMatching(/^user:/) as unknown });
    const tasks = await admin.find("task", undefined, { parent: String(two.id) });
    expect(tasks.map((t) => t.uri)).toEqual(["0", "1"]);
    expect((await admin.call("POST", "job/create", { tasks: [{ destination: "x" }] })).status).toBe(400);
  });

  it("applies the duplicate rules when adding tasks", async () => {
    const job = await admin.create("job", { code: "dup", tasks: [{ source: "share=projects/x.mov", destination: "site=studio-b" }] });
    const id = String(job.id);
    const task = { source: "share=projects/x.mov", destination: "site=studio-b" };
    await admin.call("PUT", "task/edit", [{ uri: "0", status: "failed" }], { id });
    const retried = await admin.call("POST", "task/create", { tasks: [task] }, { id });
    expect(retried.body.result).toEqual([expect.objectContaining({ uri: "0", status: "queued" })]);
    expect((await admin.call("POST", "task/create", { tasks: [task], allow_duplicates: false }, { id })).status).toBe(409);
    const allowed = await admin.call("POST", "task/create", { tasks: [task], allow_duplicates: true }, { id });
    expect(allowed.body.result).toEqual([expect.objectContaining({ uri: "0", status: "queued" })]);
    const replaced = await admin.call("POST", "task/create", { tasks: [task], replace_duplicates: true }, { id });
    expect((replaced.body.result as unknown[]).length).toBe(1);
    const added = await admin.call("POST", "task/create", { tasks: [{ ...task, source: "share=projects/y.mov" }] }, { id });
    expect(added.body.result).toEqual([expect.objectContaining({ uri: "1" })]);
    expect(await admin.find("task", undefined, { parent: id })).toHaveLength(2);
  });

  it("updates tasks as a list (update_many) and pauses the job when all are on hold", async () => {
    const job = await admin.create("job", { tasks: [{ source: "share=projects/1" }, { source: "share=projects/2" }] });
    const id = String(job.id);
    const a = await admin.call("PUT", "task/edit", [{ uri: "0", status: "onhold" }, { uri: "1", status: "paused", priority: 5 }], { id });
    expect(a.body.result).toEqual([expect.objectContaining({ status: "onhold" }), expect.objectContaining({ status: "onhold", priority: 5 })]);
    expect((await admin.find("transfer", `id=${id}`))[0]?.status).toBe("paused");
    expect((await admin.call("PUT", "task/edit", [{ uri: "0", source: "x" }], { id })).status).toBe(400);
    expect((await admin.call("PUT", "task/edit", { status: "done" }, { id })).status).toBe(400);
    expect((await admin.call("DELETE", "task/delete", null, { id: String((a.body.result as Array<{ id: string }>)[0]?.id) })).status).toBe(400);
  });

  it("edits job statuses with allowed transitions; finished jobs leave default queries", async () => {
    const job = await admin.create("job", { source: "share=projects/z", status: "paused" });
    const id = String(job.id);
    expect(job.status).toBe("paused");
    expect((await admin.call("PUT", "job/edit", { status: "bogus" }, { id })).status).toBe(400);
    expect((await admin.call("PUT", "job/edit", { status: "running" }, { id })).status).toBe(400);
    expect((await admin.call("PUT", "job/edit", { status: "waiting", priority: 200 }, { id })).body.result).toEqual([expect.objectContaining({ status: "waiting", modifier: "admin@acme.test" })]);
    expect((await admin.find("transfer", `id=${id}`, { attributes: ["priority"] }))[0]).toEqual({ id, priority: 200 });
    await admin.call("PUT", "job/edit", { status: "done" }, { id });
    expect(await admin.find("transfer", `id=${id}`)).toHaveLength(0);
    expect(await admin.find("transfer", `id=${id}`, { finished: true })).toHaveLength(1);
    expect((await admin.call("GET", "job/find", {}, { id })).body.result).toHaveLength(1);
    expect((await admin.call("DELETE", "job/delete", null, { id })).body).toEqual({ result: true });
  });

  it("manages deliveries: recipients, invites, submission rules", async () => {
    const d = await admin.create("delivery", { name: "Review" });
    const id = String(d.id);
    expect(d.status).toBe("init");
    expect((await admin.call("PUT", "delivery/edit", { status: "pending" }, { id })).status).toBe(400);
    expect((await admin.call("PUT", "job/recipient/add", { recipient: "new@partner.test", invite: false }, { id })).status).toBe(404);
    expect((await admin.call("PUT", "job/recipient/add", { recipient: "new@partner.test" }, { id })).body).toEqual({ result: true });
    expect(await admin.find("user", "role=standard and code=new@partner.test")).toHaveLength(1);
    const list = await admin.call("GET", "job/recipients", {}, { id });
    expect(list.body.result).toEqual([{ actioned: false, user: expect.stringMatching(HEX) as unknown, user_hr: "new@partner.test" }]);
    await admin.call("POST", "task/create", { tasks: [{ source: "share=projects/r.mov" }] }, { id });
    expect((await admin.call("PUT", "delivery/edit", { status: "pending" }, { id })).body.result).toEqual([expect.objectContaining({ status: "pending" })]);
    expect((await admin.call("DELETE", "job/recipient", { recipient: "new@partner.test" }, { id })).body).toEqual({ result: true });
    expect((await admin.call("GET", "job/recipients", {}, { id })).body.result).toEqual([]);
    for (const kind of ["request", "stream", "compute"]) expect((await admin.create(kind, { name: `${kind} one` })).status).toBe("init");
  });

  it("checks a publish: directories with files can be published, empty ones or sizes that do not add up are rejected, files only uploaded", async () => {
    const entry = (filename: string, more: Record<string, unknown> = {}) => ({ id: `${filename}-0000-4000-8000-000000000000`, filename, ...more });
    const a = await admin.call("PUT", "workspace/publish/preprocess", { files: [
      entry("plates", { is_dir: true, size: 3500, files: [{ filename: "a.exr", size: 1000 }, { filename: "sub", is_dir: true, size: 2500, files: [{ filename: "b.exr", size: 2500 }] }] }),
      entry("notes.txt", { size: 42 }),
      entry("empty", { is_dir: true, size: 0 }),
      entry("short", { is_dir: true, size: 10, files: [{ filename: "c.exr", size: 4 }] }),
    ] });
    expect(a.status).toBe(200);
    const result = a.body.result as { files: Array<Record<string, unknown>>; tasks: string[] };
    expect(result.files.map((f) => [f.filename, f.can_publish ?? false, f.can_upload ?? false, f.rejected ?? false, f.warning ?? f.info, f.path])).toEqual([
      ["plates", true, false, false, "Verified publish, please enter comment and time report", "volume=projects/staging/plates"],
      ["notes.txt", false, true, false, "Will be uploaded but not published", "volume=projects/staging/notes.txt"],
      ["empty", false, false, true, "Empty directory", undefined],
      ["short", false, false, true, "File sizes do not add up: the directory says 10 bytes, its files 4", undefined],
    ]);
    expect(result.tasks).toEqual(["plates"]);
    for (const [files, message] of [
      [[], "'files' must be a non-empty list of publish entries"],
      [[{ size: 3 }], "Publish entry files[0] needs a 'filename' (a name, without '/' or '\\'), not none"],
      [[{ filename: "d", is_dir: true, files: [{ filename: "x", size: "big" }] }], "Publish entry files[0].files[0] ('x'): 'size' must be a number of bytes, not \"big\""],
    ] as const) {
      const refused = await admin.call("PUT", "workspace/publish/preprocess", { files });
      expect([refused.status, refused.body.message]).toEqual([400, message]);
    }
  });

  it("answers report and metrics", async () => {
    const job = await admin.create("job", { code: "rep", source: "share=projects/r" });
    const r = await admin.call("GET", "job/report", {}, { query: `id=${String(job.id)}` });
    expect(String(r.body.report)).toContain("Job rep");
    const m = await admin.call("GET", "job/metrics", { attributes: ["speed", "progress"], time: "1h" }, { query: `id=${String(job.id)}` });
    expect(m.body.result).toMatchObject({ progress: 0, speed: [[expect.any(Number), -1]] });
    // An attribute a job does not have is refused, naming it (it used to answer 0).
    const unknown = await admin.call("GET", "job/metrics", { attributes: ["progress", "bogus"] }, { query: `id=${String(job.id)}` });
    expect([unknown.status, String(unknown.body.message)]).toEqual([400, expect.stringMatching(/^Unknown attribute 'bogus' for transfer metrics: ask for attributes of a transfer \(attributes WHERE entitytype=transfer\), e\.g\. .*progress/)]);
  });
});
