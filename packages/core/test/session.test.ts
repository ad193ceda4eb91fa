import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AccsynApiError, AccsynProtocolError, AccsynValidationError, Session } from "@accsyn/core";
import { sessionOptions, startTestServer, type TestServer } from "../../../tests/support/test-server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("Session credentials", () => {
  it("fails before any request when the workspace is missing, naming the option and variable", () => {
    expect(() => new Session({ username: "a@b.c", apiKey: "k", env: {} })).toThrowError(AccsynValidationError);
    expect(() => new Session({ username: "a@b.c", apiKey: "k", env: {} })).toThrowError(/workspace.*ACCSYN_WORKSPACE/);
  });

  it("names ACCSYN_API_USER and ACCSYN_API_KEY when they are missing or empty", () => {
    expect(() => new Session({ workspace: "acme", apiKey: "k", env: { ACCSYN_API_USER: "" } })).toThrowError(/ACCSYN_API_USER/);
    expect(() => new Session({ workspace: "acme", username: "a@b.c", env: {} })).toThrowError(/ACCSYN_API_KEY/);
  });

  it("reads the environment, with ACCSYN_DOMAIN and ACCSYN_ORG as fallbacks", () => {
    const env = { ACCSYN_ORG: "org", ACCSYN_DOMAIN: "dom", ACCSYN_API_USER: "u@x.y", ACCSYN_API_KEY: "key1" };
    expect(new Session({ env }).workspace).toBe("dom");
    expect(new Session({ env: { ...env, ACCSYN_DOMAIN: undefined } }).workspace).toBe("org");
    expect(new Session({ env: { ...env, ACCSYN_WORKSPACE: "ws" } }).workspace).toBe("ws");
  });

  it("loads an env file whose values win over the environment, and options win over both", () => {
    const dir = mkdtempSync(join(tmpdir(), "accsyn-env-"));
    const file = join(dir, ".env");
    writeFileSync(file, "ACCSYN_WORKSPACE=fromfile\nACCSYN_API_USER='file@acme.example'\nACCSYN_API_KEY=filekey\n");
    const env = { ACCSYN_WORKSPACE: "fromenv", ACCSYN_API_USER: "env@x.y", ACCSYN_API_KEY: "envkey" };
    const fromFile = new Session({ envFile: file, env });
    expect([fromFile.workspace, fromFile.username]).toEqual(["fromfile", "file@acme.example"]);
    const viaVariable = new Session({ env: { ...env, ACCSYN_CREDENTIALS_PATH: file } });
    expect(viaVariable.workspace).toBe("fromfile");
    expect(new Session({ envFile: file, env, workspace: "explicit" }).workspace).toBe("explicit");
  });

  it("refuses a credentials path that does not exist", () => {
    expect(() => new Session({ envFile: "/nonexistent/.env", env: {} })).toThrowError(/does not exist/);
  });
});

describe("Session login and events", () => {
  it("logs in once for concurrent first calls and sends the envelope", async () => {
    server = await startTestServer((req) => (req.path === "/api/v3/event" ? { body: { result: [req.event.uri] } } : undefined));
    const { options } = sessionOptions(server);
    const session = new Session(options);
    const answers = await Promise.all([session.request("GET", "user/find", { data: {} }), session.request("PUT", "job/edit", { data: { a: 1 }, id: "x" })]);
    expect(answers.map((a) => a.result)).toEqual([["user/find"], ["job/edit"]]);
    expect(server.requests.filter((r) => r.path === "/api/v3/api/login")).toHaveLength(1);
    const [get, put] = server.events();
    expect(get!.method).toBe("GET");
    expect(get!.rawQuery).not.toContain("+");
    expect(Object.keys(get!.event)).toEqual(["audience", "workspace", "eid", "session", "uri", "ident", "created", "hostname", "data"]);
    expect(get!.event).toMatchObject({ audience: "api", workspace: "acme", session: "sess_test", ident: "alice@acme.example", data: {} });
    expect(get!.event.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(put!.body).toContain('"uri": "job/edit"');
    expect(put!.event.id).toBe("x");
    expect(put!.headers.authorization).toBe("basic YWxpY2VAYWNtZS5leGFtcGxl:YWtfcHVibGljXzNmOWMyZQ==");
    expect(put!.headers["x-accsyn-workspace"]).toBe("acme");
    expect(put!.headers["x-accsyn-device"]).toMatch(/^accsyn-ts v/);
    expect(put!.headers["content-type"]).toBeUndefined();
    expect(session.role).toBe("admin");
    expect(session.userId).toBe("6335521b2380fbabbdefc019");
    session.close();
  });

  it("sends gz_data above the 100 KiB estimate", async () => {
    server = await startTestServer(() => ({ body: { result: [] } }));
    const session = new Session(sessionOptions(server).options);
    const tasks = Array.from({ length: 3000 }, (_, i) => ({ source: `/src/file_${i}.exr`, destination: `share=x/${i}` }));
    await session.request("POST", "job/create", { data: { tasks } });
    const [event] = server.events();
    expect(event!.event.data).toBeUndefined();
    expect(event!.gzData).toEqual({ tasks });
    session.close();
  });

  it("prefers message_hr, falls back to message, and remembers the last message", async () => {
    let answer: unknown = { message: "bad", message_hr: "Readable reason" };
    server = await startTestServer((req) => (req.path === "/api/v3/event" ? { status: 400, body: answer } : undefined));
    const { options, warnings } = sessionOptions(server);
    const session = new Session(options);
    expect(session.getLastMessage()).toBeNull();
    await expect(session.request("GET", "job/find")).rejects.toThrowError(/^Readable reason$/);
    await expect(session.request("GET", "job/find")).rejects.toBeInstanceOf(AccsynApiError);
    answer = { message: "locked", message_hr: "" };
    const error = await session.request("GET", "job/find").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynApiError);
    expect((error as AccsynApiError).status).toBe(400);
    expect((error as AccsynApiError).uri).toBe("job/find");
    expect(session.getLastMessage()).toBe("locked");
    // the thrown error is the report: nothing is logged as a warning besides
    expect(warnings).toEqual([]);
    session.close();
  });

  it("reports non-JSON and non-object answers as protocol errors naming the uri", async () => {
    let body: string = "<html>Bad Gateway</html>";
    server = await startTestServer((req) => (req.path === "/api/v3/event" ? { status: 502, body, contentType: "text/html" } : undefined));
    const session = new Session(sessionOptions(server).options);
    await expect(session.request("GET", "workspace/file")).rejects.toThrowError(AccsynProtocolError);
    body = "null";
    await expect(session.request("GET", "workspace/file")).rejects.toThrowError(/workspace\/file/);
    session.close();
  });

  it("hides exception texts from non-admins and gives them to admins on the error, never as warnings", async () => {
    let role = "standard";
    server = await startTestServer((req) =>
      req.path === "/api/v3/api/login"
        ? { body: { result: { role, id: "a".repeat(24), session_id: "s" } } }
        : { body: { exception: "KeyError: 'tasks'" } },
    );
    for (role of ["standard", "admin"]) {
      const { options, warnings } = sessionOptions(server);
      const session = new Session(options);
      const error = await session.request("GET", "job/find").catch((e: unknown) => e);
      expect((error as Error).message).toBe("/event caused an exception! Please contact acme admin for more further support.");
      expect((error as AccsynApiError).backendMessage).toBe(role === "admin" ? "KeyError: 'tasks'" : undefined);
      expect(warnings).toEqual([]);
      session.close();
    }
  });

  it("resolves the workspace through the registry, then logs in at the answered host", async () => {
    server = await startTestServer((req) =>
      req.path.endsWith("/J3PKTtDvolDMBtTy6AFGA") ? { body: { result: { hostname: "127.0.0.1", port: 1 } } } : undefined,
    );
    const { options } = sessionOptions(server, { hostname: undefined, registry: server.url });
    const session = await Session.connect(options);
    expect(session.endpoint).toEqual({ protocol: "http", host: "127.0.0.1", port: server.port });
    const [lookup] = server.requests;
    expect(JSON.parse(decodeURIComponent(lookup!.rawQuery))).toEqual({ ident: "acme" });
    expect(lookup!.headers.authorization).toBeUndefined();
    session.close();
  });
});

describe("Session.plugin", () => {
  it("returns a class whose instances carry the plugins' methods", async () => {
    server = await startTestServer((req) => (req.path === "/api/v3/event" ? { body: { result: 42 } } : undefined));
    const answerPlugin = (session: Session) => ({
      answer: async () => (await session.request("GET", "x/find")).result as number,
    });
    const Plugged = Session.plugin(answerPlugin);
    const session = await Plugged.connect(sessionOptions(server).options);
    expect(await session.answer()).toBe(42);
    expect(Session.plugins).toEqual([]);
    session.close();
  });
});
