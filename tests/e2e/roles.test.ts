/**
 * Issue 4 through the SDK: the role table of shared/DOMAIN.md seen by admin, employee and standard sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@accsyn/api";
import { expectApiError, startE2E, type E2E } from "./support.js";

let e2e: E2E;
let ids: Record<"admin" | "employee" | "standard", string>;

beforeAll(async () => {
  e2e = await startE2E();
  const id = (role: string) => e2e.emu.users.find((u) => u.role === role)?.id ?? "";
  ids = { admin: id("admin"), employee: id("employee"), standard: id("standard") };
});
afterAll(async () => {
  await e2e.stop();
});

const codes = async (s: Session, q: string): Promise<string[]> => (await s.find(q)).map((e) => String(e.code)).sort();

describe("users", () => {
  it("admin sees everyone; employee sees itself and standard users; standard sees only itself", async () => {
    expect(await codes(e2e.admin, "User")).toEqual(["admin@acme.test", "employee@acme.test", "standard@acme.test"]);
    expect(await codes(e2e.employee, "User")).toEqual(["employee@acme.test", "standard@acme.test"]);
    expect(await codes(e2e.standard, "User")).toEqual(["standard@acme.test"]);
    expect(await e2e.standard.getEntity("User", ids.admin)).toBeNull();
  });

  it("employee manages standard users but not employees or admins, and never changes roles", async () => {
    const { employee, standard } = e2e;
    const ext = await employee.create("User", { code: "ext@example.com" });
    expect(ext.role).toBe("standard");
    await expectApiError(employee.create("User", { code: "boss@example.com", role: "admin" }), /role|permission|cannot/i);
    expect(await employee.update("User", ext.id, { name: "External" })).toMatchObject({ name: "External" });
    await expectApiError(employee.update("User", ids.admin, { name: "x" }), /not found|permission/i);
    await expectApiError(employee.update("User", ext.id, { role: "employee" }), /Only administrators change roles/);
    expect(await employee.update("User", ids.employee, { description: "me" })).toMatchObject({ description: "me" });
    await expectApiError(standard.update("User", ext.id, { name: "y" }), /not found/);
    expect(await standard.update("User", ids.standard, { description: "also me" })).toMatchObject({ description: "also me" });
    await expectApiError(standard.create("User", { code: "friend@example.com" }), /cannot create user/i);
    expect(await employee.deleteOne("User", ext.id)).toBe(true);
  });

  it("changing a role revokes all access", async () => {
    const { admin } = e2e;
    const u = await admin.create("User", { code: "mover@example.com" });
    const folder = await admin.create("Folder", { name: "role-change" });
    await admin.grant("user", u.id, "folder", folder.id, { read: true, write: true });
    expect(await admin.access("folder", folder.id)).toHaveLength(1);
    await admin.update("User", u.id, { role: "employee" });
    expect(await admin.access("folder", folder.id)).toEqual([]);
  });
});

describe("workspace, queues, sites, servers, volumes", () => {
  it("workspace and queues: admin rw, employee r, standard nothing", async () => {
    const { admin, employee, standard } = e2e;
    const ws = await employee.findOne("Workspace");
    expect(ws?.code).toBe("acme");
    expect(await standard.find("Workspace")).toEqual([]);
    await expectApiError(employee.update("Workspace", String(ws?.id), { name: "Mine" }), /permission|may not/i);
    expect(await admin.update("Workspace", String(ws?.id), { description: "ACME" })).toMatchObject({ description: "ACME" });
    const queue = await employee.findOne("Queue WHERE code=urgent");
    expect(queue?.code).toBe("urgent");
    expect(await standard.find("Queue")).toEqual([]);
    await expectApiError(employee.update("Queue", String(queue?.id), { priority: 1 }), /may not/i);
    await expectApiError(employee.create("Queue", { name: "mine" }), /cannot create queue/i);
  });

  it("sites and servers: employee reads, only admin writes; standard sees none", async () => {
    const { employee, standard } = e2e;
    expect(await codes(employee, "Site")).toEqual(["hq", "studio-b"]);
    expect(await standard.find("Site")).toEqual([]);
    const server = await employee.findOne("Server WHERE roles contains storage");
    expect(server?.code).toBe("fileserver01");
    expect(server).not.toHaveProperty("host_ident");
    expect(await standard.find("Server")).toEqual([]);
    await expectApiError(employee.update("Server", String(server?.id), { description: "x" }), /may not/i);
    await expectApiError(employee.create("Site", { name: "mine" }), /cannot create site/i);
  });

  it("volumes are seen by employees only through an ACL grant", async () => {
    const { admin, employee } = e2e;
    const vol = await admin.create("Volume", { name: "grants" });
    expect(await employee.getEntity("Volume", vol.id)).toBeNull();
    await admin.grant("user", ids.employee, "volume", vol.id, { read: true, write: true });
    expect((await employee.getEntity("Volume", vol.id))?.code).toBe("grants");
    await expectApiError(employee.update("Volume", vol.id, { description: "x" }), /may not/i);
    expect(await admin.revoke("user", ids.employee, "volume", vol.id)).toBe(true);
    expect(await employee.getEntity("Volume", vol.id)).toBeNull();
  });
});

describe("clients and ACLs", () => {
  it("clients: employee rw apps and user servers, standard only its own", async () => {
    const { employee, standard } = e2e;
    expect((await standard.find("Client")).map((c) => c.code)).toEqual(["standard-laptop"]);
    const own = await standard.findOne("Client");
    expect(await standard.update("Client", String(own?.id), { description: "my laptop" })).toMatchObject({ description: "my laptop" });
    const adminLaptop = e2e.clientId("admin-laptop");
    expect(await standard.getEntity("Client", adminLaptop)).toBeNull();
    expect(await employee.update("Client", adminLaptop, { description: "seen" })).toMatchObject({ description: "seen" });
    await expectApiError(employee.update("Client", e2e.clientId("fileserver01"), { description: "x" }), /may not/i);
    await expectApiError(e2e.admin.update("Client", adminLaptop, { os: "beos" }), /Only the status, description and metadata/);
    await expectApiError(e2e.admin.create("Client", { code: "new" }), /cannot be created/);
    await expectApiError(e2e.admin.deleteOne("Client", adminLaptop), /offline/);
  });

  it("ACLs: employee reads every ACL, a standard user only its own", async () => {
    const { admin, employee, standard } = e2e;
    const folder = await admin.create("Folder", { name: "acl-vis" });
    const other = await admin.create("User", { code: "other@example.com" });
    await admin.grant("user", ids.standard, "folder", folder.id, { read: true, write: false });
    await admin.grant("user", other.id, "folder", folder.id, { read: true, write: false });
    expect(await employee.access("folder", folder.id)).toHaveLength(2);
    expect((await standard.access("folder", folder.id)).map((a) => a.user)).toEqual([ids.standard]);
    await expectApiError(standard.grant("user", other.id, "folder", folder.id, { read: true, write: true }), /cannot create acl/i);
    await expectApiError(standard.revoke("user", other.id, "folder", folder.id), /No ACL found/);
    expect(await standard.revoke("user", ids.standard, "folder", folder.id)).toBe(true);
    expect((await admin.access("folder", folder.id)).map((a) => a.user)).toEqual([other.id]);
  });
});

describe("jobs", () => {
  it("transfers: employees see all, a standard user only those it takes part in", async () => {
    const { admin, employee, standard } = e2e;
    const mine = await admin.create("Job", { name: "to-standard", source: "share=projects/a.mov", destination: "standard@acme.test:/in/", status: "paused" });
    const other = await admin.create("Job", { name: "internal", source: "share=projects/b.mov", destination: "site=studio-b", status: "paused" });
    const seen = (await employee.find("Job")).map((j) => j.id);
    expect(seen).toEqual(expect.arrayContaining([mine.id, other.id]));
    expect((await standard.find("Job")).map((j) => j.id)).toEqual([mine.id]);
    expect(await standard.getEntity("Job", other.id)).toBeNull();
    expect((await standard.find("Task", { entityId: mine.id })).length).toBe(1);
    expect(await standard.find("Task", { entityId: other.id })).toEqual([]);
    expect(await standard.update("Job", mine.id, { description: "mine" })).toMatchObject({ id: mine.id });
    expect((await standard.findOne(`Job WHERE id=${mine.id}`, { attributes: ["description"] }))?.description).toBe("mine");
    await expectApiError(standard.update("Job", other.id, { description: "not mine" }), /not found/);
    const job = (await standard.findOne(`Job WHERE id=${mine.id}`)) as Record<string, unknown>;
    expect(job).not.toHaveProperty("metadata");
    expect(job).not.toHaveProperty("priority");
    expect((await employee.findOne(`Job WHERE id=${mine.id}`, { attributes: ["priority"] }))?.priority).toBe(500); // the default job priority (job-specification.md "Priorities")
  });

  it("deliveries: employees need the default volume; standard users only as recipients", async () => {
    const { admin, employee, standard } = e2e;
    const delivery = await admin.create("Delivery", { name: "private" });
    await expectApiError(employee.create("Delivery", { name: "emp" }), /cannot create delivery/i);
    expect(await employee.getEntity("Delivery", delivery.id)).toBeNull();
    await expectApiError(employee.grant("user", ids.standard, "delivery", delivery.id), /not found/);
    const projects = await admin.findOne("Volume WHERE default=true");
    await admin.grant("user", ids.employee, "volume", String(projects?.id), { read: true, write: true });
    const own = await employee.create("Delivery", { name: "emp" });
    expect(own.status).toBe("init");
    expect((await employee.getEntity("Delivery", delivery.id))?.id).toBe(delivery.id);
    expect(await standard.getEntity("Delivery", delivery.id)).toBeNull();
    await expectApiError(standard.create("Delivery", { name: "nope" }), /cannot create delivery/i);
    expect(await admin.grant("user", ids.standard, "delivery", delivery.id)).toBe(true);
    expect((await standard.getEntity("Delivery", delivery.id))?.id).toBe(delivery.id);
    await expectApiError(standard.grant("user", ids.employee, "delivery", delivery.id), /permission/i);
    await admin.revoke("user", ids.employee, "volume", String(projects?.id));
  });

  it("homes: employees never see other employees' or admins' homes", async () => {
    const { admin, employee, standard } = e2e;
    const adminHome = await admin.create("Home", { user: "admin@acme.test" });
    const stdHome = await admin.create("Home", { user: "standard@acme.test" });
    const empHomes = (await employee.find("Home")).map((h) => h.id);
    expect(empHomes).toContain(stdHome.id);
    expect(empHomes).not.toContain(adminHome.id);
    expect((await standard.find("Home")).map((h) => h.id)).toEqual([stdHome.id]);
    await expectApiError(standard.create("Folder", { name: "mine" }), /cannot create folder/i);
    expect(await employee.create("Folder", { name: "employee-folder" })).toMatchObject({ code: "employee-folder" });
  });
});
