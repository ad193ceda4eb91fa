import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/index.js";
import { type Answer, RawClient } from "./client.js";

let emu: RunningEmulator;
let admin: RawClient;
let employee: RawClient;
let standard: RawClient;
const ids: Record<string, string> = {};

function forbidden(a: Answer): void {
  expect(a.status).toBe(403);
  expect(a.body).toHaveProperty("message");
  expect(a.body).not.toHaveProperty("result");
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await RawClient.as(emu, "admin");
  employee = await RawClient.as(emu, "employee");
  standard = await RawClient.as(emu, "standard");
  ids.other = String((await admin.create("user", { code: "other@acme.test", role: "employee" })).id);
  ids.partner = String((await admin.create("user", { code: "partner@ext.test" })).id);
  ids.folder = String((await admin.create("folder", { name: "Granted" })).id);
  ids.secret = String((await admin.create("folder", { name: "Secret" })).id);
  await admin.create("acl", { entity: `user:${standard.userId}`, target: `share:${ids.folder}`, path: "DOWNLOAD", read: true, write: false });
  ids.stdHome = String((await admin.create("home", { user: "standard@acme.test" })).id);
  ids.otherHome = String((await admin.create("home", { user: "other@acme.test" })).id);
  ids.adminJob = String((await admin.create("job", { source: "share=projects/a", destination: "employee@acme.test" })).id);
  ids.stdJob = String((await admin.create("job", { source: "share=projects/b", destination: "standard@acme.test" })).id);
  ids.delivery = String((await admin.create("delivery", { name: "For partner" })).id);
  ids.delivery2 = String((await admin.create("delivery", { name: "For standard" })).id);
  await admin.call("PUT", "job/recipient/add", { recipient: "standard@acme.test" }, { id: ids.delivery2 });
});
afterAll(async () => {
  await emu.stop();
});

const codes = (list: Record<string, unknown>[]): string[] => list.map((e) => String(e.code)).sort();

describe("admin", () => {
  it("sees and writes everything, support acts as admin", async () => {
    expect((await admin.find("user")).length).toBe(5);
    expect((await admin.find("volume")).length).toBe(1);
    const s = await admin.create("user", { code: "staff@accsyn.test", role: "support" });
    expect(s.role).toBe("support");
  });
});

describe("employee", () => {
  it("sees itself and standard users, and only writes those", async () => {
    expect(codes(await employee.find("user"))).toEqual(["employee@acme.test", "partner@ext.test", "standard@acme.test"]);
    expect((await employee.call("PUT", "user/edit", { name: "P" }, { id: ids.partner })).status).toBe(200);
    expect((await employee.call("PUT", "user/edit", { name: "X" }, { id: ids.other })).status).toBe(404);
    forbidden(await employee.call("POST", "user/create", { code: "boss@acme.test", role: "admin" }));
    expect((await employee.create("user", { code: "guest@ext.test" })).role).toBe("standard");
    forbidden(await employee.call("PUT", "user/edit", { role: "admin" }, { id: employee.userId }));
  });

  it("reads workspace, queues, sites and servers but cannot write them", async () => {
    expect((await employee.find("queue")).length).toBeGreaterThan(0);
    expect((await employee.find("site")).length).toBeGreaterThan(0);
    expect((await employee.find("server")).length).toBe(1);
    forbidden(await employee.call("POST", "queue/create", { name: "Mine" }));
    const q = (await employee.find("queue"))[0];
    forbidden(await employee.call("PUT", "queue/edit", { priority: 1 }, { id: String(q?.id) }));
    forbidden(await employee.call("POST", "site/create", { name: "S" }));
  });

  it("sees volumes only through ACLs and not other employees' homes", async () => {
    expect(await employee.find("volume")).toEqual([]);
    const homes = await employee.find("home");
    expect(homes.map((h) => h.id)).toEqual([ids.stdHome]);
    forbidden(await employee.call("POST", "volume/create", { name: "V" }));
  });

  it("has full access to jobs and folders", async () => {
    expect((await employee.find("transfer")).length).toBe(2);
    expect((await employee.call("PUT", "job/edit", { priority: 10 }, { id: ids.adminJob })).status).toBe(200);
    expect((await employee.create("folder", { name: "Employee folder" })).code).toBe("employee-folder");
  });

  it("does not see admin-only attributes", async () => {
    const server = (await employee.find("server"))[0];
    expect(server).not.toHaveProperty("wan_ip");
    const adminServer = (await admin.find("server"))[0];
    expect(adminServer).toHaveProperty("wan_ip");
  });
});

describe("standard", () => {
  it("sees only its own user and writes only itself (not its role)", async () => {
    expect(codes(await standard.find("user"))).toEqual(["standard@acme.test"]);
    expect((await standard.call("PUT", "user/edit", { name: "Stan" }, { id: standard.userId })).status).toBe(200);
    forbidden(await standard.call("PUT", "user/edit", { role: "admin" }, { id: standard.userId }));
    forbidden(await standard.call("POST", "user/create", { code: "x@y.test" }));
  });

  it("does not see workspace, queues, sites, servers or volumes", async () => {
    for (const t of ["workspace", "queue", "site", "server", "volume"]) expect(await standard.find(t)).toEqual([]);
  });

  it("sees its home and ACL-granted shares only, and cannot create shares", async () => {
    expect((await standard.find("folder")).map((f) => f.id)).toEqual([ids.folder]);
    expect((await standard.find("home")).map((f) => f.id)).toEqual([ids.stdHome]);
    expect((await standard.call("GET", "folder/find", {}, { id: ids.secret })).body).toEqual({ result: [] });
    forbidden(await standard.call("POST", "folder/create", { name: "Mine" }));
    forbidden(await standard.call("PUT", "folder/edit", { name: "Renamed" }, { id: ids.folder }));
  });

  it("sees transfers it takes part in and deliveries it receives", async () => {
    expect((await standard.find("transfer")).map((j) => j.id)).toEqual([ids.stdJob]);
    expect((await standard.call("GET", "job/find", {}, { id: ids.adminJob })).body).toEqual({ result: [] });
    expect((await standard.find("delivery")).map((d) => d.id)).toEqual([ids.delivery2]);
    expect((await standard.call("GET", "delivery/find", {}, { id: ids.delivery })).body).toEqual({ result: [] });
    forbidden(await standard.call("POST", "delivery/create", { name: "Nope" }));
    expect((await standard.call("PUT", "job/edit", { priority: 1 }, { id: ids.adminJob })).status).toBe(404);
    const own = await standard.create("job", { source: "share=projects/mine" });
    expect(own.user).toBe(standard.userId);
    forbidden(await standard.call("PUT", "job/recipient/add", { recipient: "x@y.test" }, { id: ids.delivery2 }));
  });

  it("sees its own ACLs and clients only", async () => {
    const acls = await standard.find("acl");
    expect(acls).toHaveLength(1);
    expect(acls[0]?.entity).toBe(`user:${standard.userId}`);
    expect((await standard.find("client")).map((c) => c.code)).toEqual(["standard-laptop"]);
    expect((await employee.find("client")).length).toBeGreaterThan(0);
  });

  it("does not see employee-only attributes and cannot read logs", async () => {
    const me = (await standard.find("user"))[0];
    expect(me).not.toHaveProperty("metadata");
    expect(me).not.toHaveProperty("creator");
    forbidden(await standard.call("GET", "logs", {}));
  });
});

describe("employee deliveries need the default volume", () => {
  it("refuses and hides deliveries until the employee is granted the default volume", async () => {
    forbidden(await employee.call("POST", "delivery/create", { name: "Mine" }));
    expect(await employee.find("delivery")).toEqual([]);
    expect((await employee.call("GET", "delivery/find", {}, { id: ids.delivery ?? "" })).body).toEqual({ result: [] });
    const vol = (await admin.find("volume", "default=true"))[0];
    await admin.create("acl", { entity: `user:${employee.userId}`, target: `share:${String(vol?.id)}`, read: true, write: true });
    expect((await employee.create("delivery", { name: "Mine" })).status).toBe("init");
    expect((await employee.find("volume")).map((v) => v.code)).toEqual(["projects"]);
    expect((await employee.find("delivery")).length).toBe(3);
  });
});

describe("queries cannot reach hidden attributes", () => {
  it("treats internal and role-hidden attributes as absent", async () => {
    expect(await admin.find("user", "_api_keys contains demo")).toEqual([]);
    expect((await admin.find("server", "wan_ip=127.0.0.1")).length).toBe(1);
    expect(await employee.find("server", "wan_ip=127.0.0.1")).toEqual([]);
    expect((await admin.find("user", "metadata!=null")).length).toBeGreaterThan(0);
    expect(await standard.find("user", "metadata!=null")).toEqual([]);
  });
});
