/**
 * Issue 4 through the SDK: every operation family of the umbrella Session against the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccsynApiError, AccsynValidationError } from "@accsyn/api";
import { expectApiError, startE2E, type E2E } from "./support.js";

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e.stop();
});

describe("entity life cycle per type", () => {
  it("creates, finds, gets, updates, deactivates, activates and deletes users", async () => {
    const { admin } = e2e;
    const user = await admin.create("User", { code: "Lisa@Example.com", name: "Lisa", role: "standard" });
    expect(user).toMatchObject({ code: "lisa@example.com", name: "Lisa", role: "standard", status: "enabled" });
    expect(user.id).toMatch(/^[0-9a-f]{24}$/);
    expect(user.created).toBeInstanceOf(Date);
    expect((await admin.find("User WHERE role=standard")).map((u) => u.code)).toContain("lisa@example.com");
    expect((await admin.findOne("User WHERE code=lisa@example.com"))?.id).toBe(user.id);
    expect((await admin.getEntity("user", user.id))?.code).toBe("lisa@example.com");
    expect(await admin.update("User", user.id, { name: "Lisa B" })).toMatchObject({ id: user.id, name: "Lisa B" });
    expect(await admin.deactivateOne("User", user.id)).toBe(true);
    expect(await admin.findOne("User WHERE code=lisa@example.com")).toBeNull();
    expect((await admin.find("User WHERE code=lisa@example.com", { inactive: true })).map((u) => u.id)).toEqual([user.id]);
    expect(await admin.activateOne("User", "lisa@example.com")).toBe(true);
    expect((await admin.findOne("User WHERE code=lisa@example.com"))?.id).toBe(user.id);
    expect(await admin.deleteOne("User", user.id)).toBe(true);
    expect(await admin.getEntity("User", user.id)).toBeNull();
    await expectApiError(admin.create("User", { code: "ADMIN@acme.test" }), /exist|unique|already/i);
  });

  it("creates users with invite options: a home share and volume access", async () => {
    const { admin } = e2e;
    const user = await admin.create("User", { code: "homer@example.com", create_home_share: true, give_default_volume_access: true });
    const home = await admin.findOne(`Home WHERE user=${user.id}`);
    expect(home?.user).toBe(user.id);
    const acls = await admin.find(`acl WHERE entity=user:${user.id}`);
    expect(acls.length).toBeGreaterThanOrEqual(1);
  });

  it("manages queues: default cannot be deleted, deleting a queue moves its jobs to the default", async () => {
    const { admin } = e2e;
    const queue = await admin.create("Queue", { name: "Night Runs", priority: 200 });
    expect(queue).toMatchObject({ code: "night-runs", priority: 200, status: "waiting", default: false });
    expect(await admin.update("Queue", queue.id, { status: "paused" })).toMatchObject({ status: "paused" });
    await expectApiError(admin.update("Queue", queue.id, { priority: 5000 }), /priority/);
    const job = await admin.create("Job", { name: "queued-job", source: "share=projects/x.mov", destination: "site=studio-b", status: "paused", parent: queue.id });
    // `parent` is outside the documented job answer: asked for by name
    expect((await admin.findOne(`Job WHERE id=${job.id}`, { attributes: ["parent"] }))?.parent).toBe(queue.id);
    const def = await admin.findOne("Queue WHERE default=true");
    expect(def?.name).toBe("ACME Film");
    await expectApiError(admin.deleteOne("Queue", String(def?.id)), /default queue/i);
    expect(await admin.deleteOne("Queue", queue.id)).toBe(true);
    expect((await admin.findOne(`Job WHERE id=${job.id}`, { attributes: ["parent"] }))?.parent).toBe(def?.id);
  });

  it("manages sites: the main site cannot be deleted", async () => {
    const { admin } = e2e;
    const site = await admin.create("Site", { name: "Paris Office" });
    expect(site).toMatchObject({ code: "paris-office", main: false });
    expect((await admin.find("Site WHERE main=true")).map((s) => s.code)).toEqual(["hq"]);
    expect(await admin.update("Site", site.id, { description: "rive gauche" })).toMatchObject({ description: "rive gauche" });
    expect(await admin.deactivateOne("Site", site.id)).toBe(true);
    expect(await admin.findOne("Site WHERE code=paris-office")).toBeNull();
    expect(await admin.activateOne("Site", site.id)).toBe(true);
    const hq = await admin.findOne("Site WHERE code=hq");
    await expectApiError(admin.deleteOne("Site", String(hq?.id)), /main site/i);
    expect(await admin.deleteOne("Site", site.id)).toBe(true);
  });

  it("manages volumes, their servers (assign/assignments/deassign) and their folders", async () => {
    const { admin } = e2e;
    const volume = await admin.create("Volume", { name: "archive" });
    expect(volume).toMatchObject({ code: "archive", default: false, type: "volume", status: "enabled" });
    const server = await admin.findOne("Server WHERE roles contains storage");
    expect(server?.status).toBe("online");
    expect(await admin.assign("volume", "server", { volume: volume.id, server: String(server?.id) })).toBe(true);
    expect((await admin.assignments("volume", volume.id)).map((c) => (c as { id: string }).id)).toEqual([server?.id]);
    expect(await admin.deassign("volume", "server", { volume: volume.id, server: String(server?.id) })).toBe(true);
    expect(await admin.assignments("volume", volume.id)).toEqual([]);
    expect(await admin.update("Volume", volume.id, { description: "cold storage" })).toMatchObject({ description: "cold storage" });
    expect((await admin.findOne("Volume WHERE code=archive"))?.description).toBe("cold storage");
    const folder = await admin.create("Folder", { name: "vault", parent: volume.id });
    expect(folder).toMatchObject({ parent: volume.id, path: "vault", status: "enabled", status_hr: "Enabled" });
    for (const key of ["code", "created", "creator", "description", "email", "id", "metadata", "modified", "modifier", "name", "queue"])
      expect(folder).toHaveProperty(key);
    expect(await admin.deactivateOne("Volume", volume.id)).toBe(true);
    expect(await admin.activateOne("Volume", "archive")).toBe(true);
    expect(await admin.deleteOne("Volume", volume.id)).toBe(true);
    expect(await admin.getEntity("Folder", folder.id)).toBeNull();
  });

  it("manages folders: rename, disable, deactivate keeps ACLs, activate restores them", async () => {
    const { admin } = e2e;
    const folder = await admin.create("Folder", { name: "editorial" });
    const standard = e2e.emu.users.find((u) => u.role === "standard");
    await admin.grant("user", String(standard?.id), "folder", folder.id, { read: true, write: false, path: "/" });
    expect(await admin.update("Folder", folder.id, { name: "Editorial Cuts" })).toMatchObject({ name: "Editorial Cuts" });
    expect(await admin.update("Folder", folder.id, { status: "disabled" })).toMatchObject({ status: "disabled" });
    await expectApiError(admin.update("Folder", folder.id, { status: "exploded" }), /status/);
    expect(await admin.deactivateOne("Folder", folder.id)).toBe(true);
    expect(await admin.findOne(`Folder WHERE id=${folder.id}`)).toBeNull();
    expect(await e2e.standard.find("Folder")).not.toContainEqual(expect.objectContaining({ id: folder.id }));
    expect(await admin.activateOne("Folder", folder.id)).toBe(true);
    expect((await admin.findOne(`Folder WHERE id=${folder.id}`))?.id).toBe(folder.id);
    expect((await admin.access("folder", folder.id)).map((a) => a.user)).toEqual([standard?.id]);
    expect(await admin.deleteOne("Folder", folder.id)).toBe(true);
  });

  it("manages homes and collections with their File sub-entities", async () => {
    const { admin } = e2e;
    const home = await admin.create("Home", { user: "employee@acme.test" });
    expect(home.user).toBe(e2e.emu.users.find((u) => u.role === "employee")?.id);
    expect(await admin.update("Home", home.id, { description: "mine" })).toMatchObject({ description: "mine" });
    const coll = await admin.create("Collection", { name: "Selects", files: ["share=projects/a.exr"] });
    expect(coll.code).toBe("selects");
    // file/add answers the added files, ids uuids; removing takes those ids (doc/filesharing.rst)
    const added = (await admin.create("File", { files: ["share=projects/b.exr", "share=projects/c.exr"] }, { entityId: coll.id })) as unknown as Array<{ id: string; path: string }>; // TODO(shapes-sdk): create("File") answers a list of files
    expect(added.map((f) => f.path)).toEqual(["share=projects/b.exr", "share=projects/c.exr"]);
    expect(added[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const paths = (await admin.find("File", { entityId: coll.id })).map((f) => f.path).sort();
    expect(paths).toEqual(["share=projects/a.exr", "share=projects/b.exr", "share=projects/c.exr"]);
    expect(await admin.deleteMany("Collection", coll.id, { files: [String(added[0]?.id)] })).toBe(true);
    expect(await admin.deleteMany("Collection", coll.id, { files: [String(added[0]?.id)] })).toBe(false);
    expect(await admin.find("File", { entityId: coll.id })).toHaveLength(2);
    expect(await admin.deactivateOne("Collection", coll.id)).toBe(true);
    expect(await admin.activateOne("Collection", "selects")).toBe(true);
    expect(await admin.deleteOne("Collection", coll.id)).toBe(true);
    expect(await admin.deleteOne("Home", home.id)).toBe(true);
  });

  it("manages transfers and their tasks (create, find, update, updateMany, deactivate, delete)", async () => {
    const { admin } = e2e;
    const created = await admin.create("Job", [
      { source: "share=projects/missing-a.mov", destination: "site=studio-b" },
      { source: "share=projects/missing-b.mov", destination: "site=studio-b" },
    ]);
    const job = Array.isArray(created) ? expect.unreachable("a list of tasks makes one job") : created;
    expect(job).toMatchObject({ name: "missing-a.mov", code: "missing-a.mov" });
    const paused = await admin.update("Job", job.id, { status: "paused" });
    expect(paused.status).toBe("paused");
    const tasks = await admin.find("Task", { entityId: job.id });
    expect(tasks.map((t) => t.uri).sort()).toEqual(["0", "1"]);
    const updated = await admin.updateMany("Task", job.id, [{ uri: "1", status: "onhold", priority: 7 }]);
    expect(updated).toEqual([expect.objectContaining({ uri: "1", status: "onhold", priority: 7 })]);
    await expectApiError(admin.updateMany("Task", job.id, [{ uri: "0", source: "elsewhere" }]), /cannot be changed/);
    expect((await admin.find(`Task WHERE job.id=${job.id} AND status=onhold`)).map((t) => t.uri)).toEqual(["1"]);
    expect(await admin.deactivateOne("Job", job.id)).toBe(true);
    expect(await admin.findOne(`Job WHERE id=${job.id}`)).toBeNull();
    expect(await admin.activateOne("Job", job.id)).toBe(true);
    await expectApiError(admin.deleteOne("Task", String(tasks[0]?.id)), /never deleted|excluded/);
    expect(await admin.deleteOne("Job", job.id)).toBe(true);
    expect(await admin.getEntity("Job", job.id)).toBeNull();
  });

  it("manages deliveries (temporary, update, deactivate, abort, delete)", async () => {
    const { admin } = e2e;
    const delivery = await admin.create("Delivery", { name: "Dailies 12" });
    expect(delivery).toMatchObject({ status: "init", name: "Dailies 12" });
    expect((await admin.findOne(`Delivery WHERE id=${delivery.id}`, { attributes: ["expires"] }))?.expires).toBeInstanceOf(Date);
    expect(await admin.update("Delivery", delivery.id, { description: "for the client" })).toMatchObject({ id: delivery.id, public: false });
    expect((await admin.findOne(`Delivery WHERE id=${delivery.id}`, { attributes: ["description"] }))?.description).toBe("for the client");
    expect(await admin.deactivateOne("Delivery", delivery.id)).toBe(true);
    expect(await admin.activateOne("Delivery", delivery.id)).toBe(true);
    expect(await admin.update("Delivery", delivery.id, { status: "aborted" })).toMatchObject({ status: "aborted" });
    // Finished jobs leave plain finds; findOne (single_entity_query, "more relaxed regarding status scope") still finds them.
    expect(await admin.find(`Delivery WHERE id=${delivery.id}`)).toEqual([]);
    expect((await admin.findOne(`Delivery WHERE id=${delivery.id}`))?.status).toBe("aborted");
    expect((await admin.findOne(`Delivery WHERE id=${delivery.id}`, { finished: true }))?.status).toBe("aborted");
    expect(await admin.deleteOne("Delivery", delivery.id)).toBe(true);
  });
});

describe("clients", () => {
  it("finds clients, edits their status and deletes them only when offline", async () => {
    const { admin } = e2e;
    const ws = await admin.findOne("Userserver WHERE code=employee-ws");
    expect(ws).toMatchObject({ type: 2, status: "online", site_hr: expect.stringMatching(/\(/) as unknown });
    await expectApiError(admin.deleteOne("Client", String(ws?.id)), /offline/);
    await expectApiError(admin.update("Client", String(ws?.id), { status: "asleep" }), /status/);
    expect(await admin.update("Client", String(ws?.id), { status: "offline" })).toMatchObject({ status: "offline" });
    expect(await admin.deleteOne("Client", String(ws?.id))).toBe(true);
    expect(await admin.getEntity("Client", String(ws?.id))).toBeNull();
  });
});

describe("meta operations", () => {
  it("lists entity types and role-filtered attributes", async () => {
    const { admin, standard } = e2e;
    const types = await admin.find("entitytypes");
    // current names only (doc/datatypes.rst); `job` and `share` are deprecated aliases
    for (const t of ["user", "transfer", "delivery", "task", "volume", "folder", "acl"]) expect(types).toContain(t);
    for (const t of ["job", "share"]) expect(types).not.toContain(t);
    const adminAttrs = await admin.find("attributes WHERE entitytype=delivery");
    expect(adminAttrs).toEqual(expect.arrayContaining(["code", "name", "public"]));
    expect(adminAttrs).not.toContain("data");
    expect(adminAttrs).not.toContain("config");
    const standardAttrs = await standard.find("attributes WHERE entitytype=delivery");
    expect(standardAttrs.length).toBeLessThan(adminAttrs.length);
    expect(await admin.find("attributes WHERE entitytype=user", { create: true })).toEqual(expect.arrayContaining(["create_home_share", "give_all_volumes_access"]));
    const updatable = await admin.find("attributes WHERE entitytype=job", { update: true });
    expect(updatable).toContain("status");
    expect(updatable).not.toContain("id");
  });

  it("answers report, metrics, the API key and a clear message for integrations", async () => {
    const { admin, employee } = e2e;
    const job = await admin.create("Job", { name: "reported", source: "share=projects/r.mov", destination: "site=studio-b", status: "paused" });
    const text = await admin.report(`Job WHERE id=${job.id}`);
    expect(text).toContain("reported");
    expect(text).toContain("status: paused");
    const m = await admin.metrics(`Job WHERE id=${job.id}`, { attributes: ["speed", "progress"], time: "1h" });
    expect(m).toMatchObject({ progress: 0 });
    expect(Array.isArray((m as Record<string, unknown>).speed)).toBe(true);
    expect(await admin.getApiKey()).toBe("demo-admin-key");
    expect(await employee.getApiKey()).toBe("demo-employee-key");
    const err = await expectApiError(admin.integration("ftrack", "list_projects", {}), /not available in the emulator/);
    expect(err.message).toContain("ftrack");
    expect(admin.getLastMessage()).toContain("not available in the emulator");
  });

  it("gets, sets and deletes settings", async () => {
    const { admin } = e2e;
    expect(await admin.getSetting("transfer_speedlimit")).toBe("100");
    expect(await admin.setSetting("workspace", "transfer_speedlimit", "42")).toBe(true);
    expect(await admin.getSetting("transfer_speedlimit")).toBe("42");
    expect(await admin.getSettings({ entitytype: "workspace" })).toMatchObject({ transfer_speedlimit: "42" });
    expect(await admin.deleteSetting("workspace", "transfer_speedlimit")).toBe(true);
    expect(await admin.getSetting("transfer_speedlimit")).toBe("100");
    await expect(admin.setSetting("workspace", "x", 5 as unknown as string)).rejects.toBeInstanceOf(AccsynValidationError);
  });

  it("reads the activity log", async () => {
    const { admin, standard } = e2e;
    await admin.update("User", e2e.emu.users[0]?.id ?? "", { description: "logged" });
    const answer = await admin.logs({ limit: 5, sortReverse: true });
    expect(answer.result).toContainEqual(expect.objectContaining({ uri: "user/edit", user: "admin@acme.test" }));
    await expect(standard.logs()).rejects.toBeInstanceOf(AccsynApiError);
  });
});
