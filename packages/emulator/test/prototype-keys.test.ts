import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/index.js";
import { emulatorWithAdmin, type RawClient } from "./client.js";

/** Names that live on `Object.prototype`: a plain-object lookup with them finds something. */
const NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

let emu: RunningEmulator;
let admin: RawClient;
let transferId = "";
beforeAll(async () => {
  ({ emu, admin } = await emulatorWithAdmin({
    jobs: { run: false },
    seed: {
      workspace: { code: "acme" },
      users: [{ code: "admin@acme.test", role: "admin", api_key: "demo-admin-key" }],
      volumes: [{ code: "projects", default: true }],
      clients: [{ code: "odd-type", type: "constructor" as "app" }],
    },
  }));
  transferId = String((await admin.create("transfer", { status: "paused", tasks: [{ source: "share=projects/a", destination: "site=hq" }] })).id);
});
afterAll(async () => {
  await emu.stop();
});

describe.each(NAMES)("the name %s at every lookup site", (name) => {
  it("is an unknown entity type in <type>/find, <type>/create, attributes and setting", async () => {
    for (const [method, uri] of [["GET", `${name}/find`], ["POST", `${name}/create`]] as const) {
      const a = await admin.call(method, uri, method === "POST" ? { name: "x" } : {});
      expect(a.status, uri).toBe(404);
      expect(String(a.body.message)).toMatch(/Unknown entity type/);
    }
    for (const uri of ["attributes", "setting"]) {
      const a = await admin.call("GET", uri, { entitytype: name });
      expect(a.status, uri).toBe(400);
      expect(String(a.body.message)).toMatch(/Unknown entity type/);
    }
  });

  it("is an unknown operation in user/<op> and job/<op>", async () => {
    for (const uri of [`user/${name}`, `job/${name}`]) {
      const a = await admin.call("GET", uri);
      expect(a.status, uri).toBe(404);
      expect(String(a.body.message)).toMatch(/Unknown operation/);
    }
  });

  it("is an unknown file operation in workspace/file", async () => {
    const a = await admin.call("GET", "workspace/file", { op: name, path: "share=projects/" });
    expect(a.status).toBe(400);
    expect(String(a.body.message)).toMatch(/Unknown file operation/);
  });

  it("is an invalid task status in task/edit (update_many), which changes nothing", async () => {
    const [task] = await admin.find("task", undefined, { parent: transferId });
    const a = await admin.call("PUT", "task/edit", [{ id: task?.id, status: name }], { id: transferId });
    expect(a.status).toBe(400);
    expect(String(a.body.message)).toMatch(/Invalid task status/);
    expect((await admin.find("task", undefined, { parent: transferId }))[0]?.status).toBe(task?.status);
  });

  it("is an id like any other: invalid as an event id and unknown as an entity id", async () => {
    const a = await admin.call("GET", "user/find", {}, { id: name });
    expect(a.status).toBe(400);
    expect(String(a.body.message)).toMatch(/Invalid id/);
  });

  it("is an unknown query operator, and as an attribute it is absent (not inherited)", async () => {
    const op = await admin.call("GET", "user/find", {}, { query: `code ${name} x` });
    expect(op.status).toBe(400);
    const notOp = await admin.call("GET", "user/find", {}, { query: `code not ${name} x` });
    expect(notOp.status).toBe(400);
    expect(await admin.find("user", `${name}!=null`)).toEqual([]);
    expect(await admin.find("user", `${name}=null`)).toHaveLength(1);
  });

  it("is a plain attribute name in a find projection: only the id comes back", async () => {
    const found = await admin.find("user", "code=admin@acme.test", { attributes: [name] });
    expect(found).toHaveLength(1);
    expect(Object.keys(found[0] ?? {})).toEqual(["id"]);
  });

  it("is a plain attribute name in metrics: refused as an unknown attribute, never an inherited function", async () => {
    const a = await admin.call("GET", "user/metrics", { attributes: ["code", name] }, { query: "code=admin@acme.test" });
    expect(a.status).toBe(400);
    expect(String(a.body.message)).toMatch(new RegExp(`^Unknown attribute '${name.replace(/[$_]/g, "\\$&")}' for user metrics`));
  });

  it("is a setting name like any other: set, listed as an own key, read, deleted", async () => {
    expect((await admin.call("PUT", "setting", { name, value: "v1" })).body.result).toBe(true);
    const listed = (await admin.call("GET", "setting", {})).body.result as Record<string, unknown>;
    expect(Object.hasOwn(listed, name)).toBe(true);
    expect(listed[name]).toBe("v1");
    expect((await admin.call("GET", "setting", { name })).body.result).toBe("v1");
    expect((await admin.call("DELETE", "setting", { name })).body.result).toBe(true);
    expect((await admin.call("GET", "setting", { name })).body.result).toBeNull();
    const after = (await admin.call("GET", "setting", {})).body.result as Record<string, unknown>;
    expect(Object.hasOwn(after, name)).toBe(false);
  });
});

describe("keys named __proto__ in event data", () => {
  it("are refused with 400 naming the key, at any depth, and nothing is created", async () => {
    for (const text of ['{"name":"p1","__proto__":{"status":"x"}}', '{"name":"p1","metadata":{"a":[{"__proto__":1}]}}']) {
      const body = `{"uri":"queue/create","session":"${admin.session}","data":${text}}`;
      const res = await fetch(`${emu.url}/api/v3/event`, { method: "POST", headers: admin.headers(), body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain("'__proto__'");
    }
    expect(await admin.find("queue", "name=p1")).toEqual([]);
  });

  it("other prototype names are ordinary keys (metadata round-trips)", async () => {
    const metadata = { constructor: "c", toString: "t", hasOwnProperty: "h", valueOf: 1 };
    const q = await admin.create("queue", { code: "proto-meta", metadata });
    expect(q.metadata).toEqual(metadata);
    expect((await admin.find("queue", "code=proto-meta"))[0]?.metadata).toEqual(metadata);
  });
});

describe("seed files", () => {
  it("a client type named after a prototype key falls back to app (0), not an inherited function", async () => {
    const [client] = await admin.find("client", "code=odd-type");
    expect(client?.type).toBe(0);
  });
});
