import { request } from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, startEmulator, type RunningEmulator } from "../src/index.js";
import { authHeader, pyQuote, RawClient } from "./client.js";

let emu: RunningEmulator;
let admin: RawClient;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  admin = await RawClient.as(emu, "admin");
});
afterAll(async () => {
  await emu.stop();
});

describe("registry resolution", () => {
  it("answers its own host and port for its workspace, a message otherwise", async () => {
    const ok = await fetch(`${emu.url}/api/v3/J3PKTtDvolDMBtTy6AFGA?${pyQuote(JSON.stringify({ ident: "acme" }))}`);
    expect(await ok.json()).toEqual({ result: { hostname: "127.0.0.1", port: emu.port } });
    const bad = await fetch(`${emu.url}/api/v3/J3PKTtDvolDMBtTy6AFGA?${pyQuote(JSON.stringify({ ident: "nope" }))}`);
    expect(bad.status).toBe(404);
    expect((await bad.json()) as object).toHaveProperty("message");
  });
});

describe("authentication", () => {
  it("logs in with role, id and session", async () => {
    const c = new RawClient(emu, "employee@acme.test", "demo-employee-key");
    const a = await c.login();
    expect(a.body.result).toMatchObject({ role: "employee", id: expect.stringMatching(/^[0-9a-f]{24}$/) as unknown });
    expect(c.session).not.toBe("");
  });

  it.each([
    ["a wrong key", "admin@acme.test", "wrong", "acme"],
    ["an unknown user", "ghost@acme.test", "demo-admin-key", "acme"],
    ["another workspace", "admin@acme.test", "demo-admin-key", "other"],
    ["another user's key", "admin@acme.test", "demo-standard-key", "acme"],
  ])("refuses %s with 401 and a message", async (_what, user, key, ws) => {
    const a = await new RawClient(emu, user, key, ws).login();
    expect(a.status).toBe(401);
    expect(a.body).toHaveProperty("message");
    expect(a.body).not.toHaveProperty("result");
  });

  it("refuses a missing Authorization header", async () => {
    const res = await fetch(`${emu.url}/api/v3/event?${pyQuote(JSON.stringify(admin.event("user/find")))}`, { headers: { "X-Accsyn-Workspace": "acme" } });
    expect(res.status).toBe(401);
  });

  it("refuses events without a live session of that user", async () => {
    const ev = admin.event("user/find");
    expect((await admin.sendEvent("GET", { ...ev, session: "nope" })).status).toBe(401);
    const std = await RawClient.as(emu, "standard");
    expect((await admin.sendEvent("GET", { ...ev, session: std.session })).status).toBe(401);
    expect((await admin.sendEvent("GET", ev)).status).toBe(200);
  });
});

async function raw(method: string, pathAndQuery: string, body?: string, headers: Record<string, string> = admin.headers()): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emu.url}${pathAndQuery}`, { method, headers, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("robustness", () => {
  it("answers malformed JSON with 400 and keeps serving", async () => {
    const a = await raw("POST", "/api/v3/event", "{not json");
    expect(a.status).toBe(400);
    expect(String(a.body.message)).toMatch(/Malformed JSON/);
    const b = await raw("GET", "/api/v3/event?%7Bbroken");
    expect(b.status).toBe(400);
    expect((await admin.find("user")).length).toBe(3);
  });

  it("answers unknown uris, endpoints and entity types with 404", async () => {
    expect((await admin.call("GET", "nothing/here/at/all")).status).toBe(404);
    expect((await admin.call("GET", "spaceship/find")).status).toBe(404);
    expect((await admin.call("GET", "user/fly")).status).toBe(404);
    expect((await raw("GET", "/api/v3/other")).status).toBe(404);
  });

  it("answers wrong-typed fields with 400", async () => {
    expect((await admin.call("GET", "user/find", { limit: "ten" })).status).toBe(400);
    expect((await admin.call("GET", "user/find", "text")).status).toBe(400);
    expect((await admin.sendEvent("GET", { ...admin.event("user/find"), query: 12 })).status).toBe(400);
    expect((await admin.sendEvent("GET", { ...admin.event("x"), uri: 5 })).status).toBe(400);
    expect((await admin.call("POST", "queue/create", { name: "q", priority: "high" })).status).toBe(400);
    expect((await admin.call("GET", "transfer/find", {}, { id: "BF4EEF818716BAFAB22AC70A" })).status).toBe(400);
  });

  it("answers unknown ids with an empty find and 404 elsewhere", async () => {
    const id = "5d3307d22687573aee7da1da";
    expect((await admin.call("GET", "user/find", {}, { id })).body).toEqual({ result: [] });
    expect((await admin.call("PUT", "user/edit", { name: "x" }, { id })).status).toBe(404);
    expect((await admin.call("DELETE", "user/delete", null, { id })).status).toBe(404);
  });

  it("answers a wrong method with 405", async () => {
    expect((await admin.call("GET", "queue/create", { name: "q" })).status).toBe(405);
  });

  it("inflates gz_data", async () => {
    const data = { name: "Zipped", code: "zipped" };
    const ev = admin.event("queue/create", undefined);
    delete ev.data;
    ev.gz_data = gzipSync(Buffer.from(JSON.stringify(data))).toString("base64");
    const a = await admin.sendEvent("POST", ev);
    expect(a.body.result).toEqual([expect.objectContaining({ code: "zipped", name: "Zipped" })]);
    expect((await admin.sendEvent("POST", { ...ev, gz_data: "@@@" })).status).toBe(400);
  });

  it("refuses bodies over the limit with 413", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${emu.url}/api/v3/event`, { method: "POST", headers: { ...admin.headers(), "Content-Length": String(MAX_BODY_BYTES + 1) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end("{}");
    });
    expect(status).toBe(413);
    expect((await admin.find("user")).length).toBe(3);
  });

  it("keeps connections alive for at least 5 seconds", async () => {
    const res = await fetch(`${emu.url}/api/v3/api/login`, { method: "PUT", headers: { Authorization: authHeader("admin@acme.test", "demo-admin-key"), "X-Accsyn-Workspace": "acme" }, body: "{}" });
    await res.json();
    const ka = res.headers.get("keep-alive") ?? "";
    expect(Number(/timeout=(\d+)/.exec(ka)?.[1])).toBeGreaterThanOrEqual(5);
  });

  it("serves concurrent writes", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => admin.call("POST", "queue/create", { name: `Concurrent ${i}` })));
    expect(answers.every((a) => Array.isArray(a.body.result))).toBe(true);
    const dup = await Promise.all([0, 1].map(() => admin.call("POST", "site/create", { code: "same" })));
    expect(dup.map((a) => a.status).sort()).toEqual([200, 409]);
  });
});
