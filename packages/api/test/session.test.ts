import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as api from "@accsyn/api";
import { AccsynApiError, AccsynError, AccsynValidationError, Session } from "@accsyn/api";
import * as acl from "@accsyn/acl";
import * as core from "@accsyn/core";
import * as entities from "@accsyn/entities";
import * as files from "@accsyn/files";
import * as settings from "@accsyn/settings";
import { sessionOptions, startTestServer, type Reply, type TestServer } from "../../../tests/support/test-server.js";

/** The TypeScript names of every method in the API.md table (instance methods). */
const TABLE_METHODS = [
  "create",
  "find",
  "findOne",
  "getEntity",
  "report",
  "metrics",
  "update",
  "updateOne",
  "updateMany",
  "assign",
  "assignments",
  "deassign",
  "grant",
  "access",
  "revoke",
  "offlineOne",
  "deactivateOne",
  "deleteOne",
  "deleteMany",
  "activateOne",
  "ls",
  "getSize",
  "getsize",
  "exists",
  "mkdir",
  "rename",
  "mv",
  "delete",
  "prepublish",
  "getSetting",
  "getSettings",
  "setSetting",
  "deleteSetting",
  "logs",
  "getApiKey",
  "appIsRunning",
  "guiIsRunning",
  "daemonIsRunning",
  "serverIsRunning",
  "integration",
  "getLastMessage",
  "help",
] as const;

/** Static methods of the table. */
const TABLE_STATICS = ["dump", "str", "getHostname"] as const;

/** Read-only properties API.md promises. */
const PROPERTIES = ["username", "workspace", "role", "userId", "timeoutMs", "connectTimeoutMs"] as const;

let server: TestServer;
let replies: Record<string, Reply>;

beforeEach(async () => {
  replies = {};
  server = await startTestServer((request) =>
    request.path === "/api/v3/event" ? (replies[request.event.uri] ?? { body: { result: true } }) : undefined,
  );
});

afterEach(async () => {
  await server.close();
});

describe("the umbrella Session", () => {
  it("is a class named Session that extends the core session", async () => {
    expect(Session.name).toBe("Session");
    const session = await Session.connect(sessionOptions(server).options);
    expect(session).toBeInstanceOf(Session);
    expect(session).toBeInstanceOf(core.Session);
    session.close();
  });

  it("has every method of the API.md table after connect", async () => {
    const session = await Session.connect(sessionOptions(server).options);
    const missing = TABLE_METHODS.filter((name) => typeof (session as unknown as Record<string, unknown>)[name] !== "function");
    expect(missing).toEqual([]);
    for (const name of PROPERTIES) expect(name in session).toBe(true);
    expect(session.workspace).toBe("acme");
    expect(session.username).toBe("alice@acme.example");
    expect(session.role).toBe("admin");
    expect(session.userId).toBe("6335521b2380fbabbdefc019");
    session.close();
  });

  it("has the static methods, working", () => {
    for (const name of TABLE_STATICS) expect(typeof Session[name]).toBe("function");
    expect(Session.dump({ a: 1 })).toBe(core.Session.dump({ a: 1 }));
    expect(Session.getHostname()).toBe(core.Session.getHostname());
    const warnings: string[] = [];
    const previous = core.Session.staticLogger;
    core.Session.staticLogger = { warn: (message) => warnings.push(message) };
    try {
      expect(Session.str({ a: 1 }, 2)).toBe(Session.dump({ a: 1 }, 2));
    } finally {
      core.Session.staticLogger = previous;
    }
  });

  it("routes a call of every group over the wire", async () => {
    replies["workspace/file"] = { body: { result: { files: [] } } };
    replies["job/find"] = { body: { result: [{ id: "bf4eef818716bafab22ac70a", code: "dailies" }] } };
    replies["setting"] = { body: { result: "100" } };
    const session = new Session(sessionOptions(server).options);
    expect(await session.find("Job WHERE code=dailies")).toEqual([{ id: "bf4eef818716bafab22ac70a", code: "dailies" }]);
    expect(await session.ls("share=projects")).toEqual({ files: [] });
    expect(await session.grant("user", "aee122f076b7f214ca3cb34b", "delivery", "2da275a835aebeaf9556ae48")).toBe(true);
    expect(await session.getSetting("transfer_speedlimit")).toBe("100");
    expect(server.events().map((r) => `${r.method} ${r.event.uri}`)).toEqual([
      "GET job/find",
      "GET workspace/file",
      "PUT job/recipient/add",
      "GET setting",
    ]);
    session.close();
  });

  it("refuses bad input of every group before sending", async () => {
    const session = new Session(sessionOptions(server).options);
    await expect(session.ls("")).rejects.toThrow(AccsynValidationError);
    await expect(session.access("volume", "projects")).rejects.toThrow(AccsynValidationError);
    await expect(session.setSetting("workspace", "x", 1 as unknown as string)).rejects.toThrow(AccsynValidationError);
    await expect(session.getEntity("job", "nope")).rejects.toThrow(AccsynValidationError);
    expect(server.requests).toEqual([]);
    session.close();
  });

  it("remembers the last error message", async () => {
    replies["workspace/file"] = { body: { message: "Share does not exist" } };
    const session = new Session(sessionOptions(server).options);
    await expect(session.exists("share=nope/a")).rejects.toThrow(AccsynApiError);
    expect(session.getLastMessage()).toContain("Share does not exist");
    session.close();
  });
});

describe("re-exports", () => {
  it("re-exports every value export of core and of every group", () => {
    const exported = api as Record<string, unknown>;
    for (const [name, module] of Object.entries({ core, entities, files, acl, settings })) {
      for (const key of Object.keys(module)) {
        if (name === "core" && key === "Session") continue;
        expect([name, key, exported[key]]).toEqual([name, key, (module as Record<string, unknown>)[key]]);
      }
    }
  });

  it("re-exports the errors and the plugins", () => {
    expect(api.AccsynError).toBe(AccsynError);
    expect(new api.AccsynNetworkError("x")).toBeInstanceOf(AccsynError);
    expect(new api.AccsynProtocolError("x")).toBeInstanceOf(AccsynError);
    expect(api.files).toBe(files.files);
    expect(api.acl).toBe(acl.acl);
    expect(api.settings).toBe(settings.settings);
    expect(api.entities).toBe(entities.entities);
  });
});
