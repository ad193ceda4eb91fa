/**
 * Secrets never leak: every public method of the umbrella Session runs with verbose logging and a
 * log file, through success and every failure kind, and neither the API key nor its base64 ever
 * appears in logs, error messages, `error.cause`, or the JSON / inspection of thrown errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { acl } from "@accsyn/acl";
import {
  AccsynAbortError,
  AccsynApiError,
  AccsynJobError,
  AccsynNetworkError,
  AccsynNotFoundError,
  AccsynProtocolError,
  AccsynRateLimitError,
  AccsynValidationError,
  Session,
} from "@accsyn/api";
import { Session as CoreSession } from "@accsyn/core";
import { entities } from "@accsyn/entities";
import { files } from "@accsyn/files";
import { settings } from "@accsyn/settings";
import { printouts } from "../support/printouts.js";
import { startTestServer, type Reply, type TestServer } from "../support/test-server.js";

const API_KEY = "sk_live_0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const FORMS = [API_KEY, Buffer.from(API_KEY).toString("base64"), Buffer.from(API_KEY).toString("base64").replace(/=+$/, ""), encodeURIComponent(API_KEY)];
const ID = "0123456789abcdef01234567";

/** Every public instance method with arguments that pass client-side validation. */
const CALLS: Array<[string, unknown[]]> = [
  ["create", ["transfer", { source: "/a", destination: "share=x/a" }]],
  ["find", ["Transfer WHERE status=running"]],
  ["findOne", ["User WHERE code=a@b.c"]],
  ["getEntity", ["transfer", ID]],
  ["report", ["transfer WHERE id=" + ID]],
  ["metrics", ["transfer WHERE id=" + ID, { attributes: ["speed"] }]],
  ["update", ["transfer", ID, { status: "paused" }]],
  ["updateOne", ["transfer", ID, { status: "paused" }]],
  ["updateMany", ["task", ID, [{ id: ID, status: "onhold" }]]],
  ["assign", ["volume", "server", { volume: ID, server: ID }]],
  ["assignments", ["volume", ID]],
  ["deassign", ["volume", "server", { volume: ID, server: ID }]],
  ["grant", ["user", ID, "delivery", ID]],
  ["access", ["delivery", ID]],
  ["revoke", ["user", ID, "delivery", ID]],
  ["offlineOne", ["user", ID]],
  ["deactivateOne", ["user", ID]],
  ["deleteOne", ["transfer", ID]],
  ["deleteMany", ["collection", ID, { files: ["share=x/a"] }]],
  ["activateOne", ["user", ID]],
  ["ls", ["share=projects", { recursive: true }]],
  ["getSize", ["share=projects"]],
  ["exists", ["share=projects/a"]],
  ["mkdir", ["share=projects/b"]],
  ["rename", ["share=projects/b", "share=projects/c"]],
  ["mv", ["share=projects/c", "share=projects/d/c"]],
  ["delete", ["share=projects/d", { force: true }]],
  ["prepublish", [[{ filename: "a.exr", size: 10 }]]],
  ["getSetting", ["transfer_speedlimit"]],
  ["getSettings", []],
  ["setSetting", ["workspace", "transfer_speedlimit", "250"]],
  ["deleteSetting", ["workspace", "transfer_speedlimit"]],
  ["logs", []],
  ["getApiKey", []],
  ["appIsRunning", []],
  ["daemonIsRunning", []],
  ["integration", ["ftrack", "ping", {}]],
];

const FAILURES: Record<string, (req: { headers: Record<string, unknown> }) => Reply> = {
  success: (req) => ({ body: { result: [{ id: ID, echoed: req.headers.authorization }], report: "r", api_key: "not-the-key" } }),
  message: (req) => ({ status: 403, body: { message: `denied for ${req.headers.authorization}` } }),
  exception: (req) => ({ status: 500, body: { exception: `KeyError ${req.headers.authorization}` } }),
  html: (req) => ({ status: 502, body: `<pre>${req.headers.authorization}</pre>`, contentType: "text/html" }),
  stall: () => ({ delayMs: 400, body: { result: [] } }),
  failedJob: () => ({ body: { result: [{ id: ID, status: "failed" }] } }),
  empty: () => ({ body: { result: [] } }),
  limited: (req) => ({ status: 429, body: { message: `slow down ${req.headers.authorization}` }, headers: { "retry-after": "1" } }),
};
const CALL_MODES = ["success", "message", "exception", "html", "stall"];

let server: TestServer;
let mode = "success";
beforeAll(async () => {
  server = await startTestServer((req) => {
    if (req.path === "/api/v3/api/login") return { body: { result: { role: "admin", id: ID, session_id: `s-${req.headers.authorization}` } } };
    return FAILURES[mode]!(req);
  });
});
afterAll(async () => server.close());

function leaks(text: string): string[] {
  return FORMS.filter((form) => text.includes(form));
}

describe("secrets", () => {
  it("never leak through any method, log or error", async () => {
    const lines: string[] = [];
    const logFile = join(mkdtempSync(join(tmpdir(), "accsyn-secrets-")), "verbose.log");
    const base = { workspace: "acme", username: "alice@acme.example", apiKey: API_KEY, hostname: "127.0.0.1", port: server.port, protocol: "http" as const, env: {}, retries: 0, timeoutMs: 100, verbose: true };
    const sessions = [
      new Session({ ...base, logger: { debug: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) } }),
      new Session({ ...base, prettyJson: true, logFile }),
    ];
    const thrown: unknown[] = [];
    let calls = 0;
    for (const session of sessions) {
      for (mode of CALL_MODES) {
        for (const [method, args] of CALLS) {
          calls += 1;
          const fn = (session as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!;
          await fn.apply(session, args).catch((error: unknown) => thrown.push(error));
        }
      }
      session.close();
    }
    const refused = new Session({ ...base, port: 1, logger: { debug: (m) => lines.push(m), warn: (m) => lines.push(m) } });
    await refused.find("job").catch((error: unknown) => thrown.push(error));
    expect(calls).toBe(CALLS.length * CALL_MODES.length * 2);
    expect(thrown.length).toBeGreaterThan(CALLS.length * 3);
    expect(leaks(lines.join("\n"))).toEqual([]);
    expect(leaks(readFileSync(logFile, "utf8"))).toEqual([]);
    for (const error of thrown) {
      const cause = (error as { cause?: unknown }).cause;
      const texts = [String(error), JSON.stringify(error), inspect(error, { depth: 20, showHidden: true }), inspect(cause, { depth: 20 }), JSON.stringify(cause) ?? ""];
      expect(leaks(texts.join("\n")), inspect(error)).toEqual([]);
    }
  }, 60_000);
});

describe("printouts of sessions and errors", () => {
  it("never show the key: the umbrella session, each plugin session, errors of every class and their causes", async () => {
    const base = { workspace: "acme", username: "alice@acme.example", apiKey: API_KEY, hostname: "127.0.0.1", port: server.port, protocol: "http" as const, env: { ACCSYN_API_KEY: API_KEY }, retries: 0, rateLimitRetries: 0, timeoutMs: 100, logger: {} };
    const plugged = [entities, files, acl, settings].map((plugin) => new (CoreSession.plugin(plugin))(base));
    const umbrella = new Session(base);
    const sessions: unknown[] = [umbrella, new CoreSession(base), ...plugged];
    const shown: Record<string, unknown> = {};
    const errorOf = async (name: string, modeFor: string, call: () => Promise<unknown>) => {
      mode = modeFor;
      shown[name] = await call().then(() => undefined, (error: unknown) => error);
    };
    mode = "success";
    await Promise.all(plugged.map((session) => session.login()));
    await errorOf("api", "message", () => umbrella.find("job"));
    await errorOf("protocol", "html", () => umbrella.find("job"));
    await errorOf("timeout (a wrapped got TimeoutError)", "stall", () => umbrella.find("job"));
    await errorOf("refused (a wrapped got RequestError)", "success", () => new Session({ ...base, port: 1 }).find("job"));
    await errorOf("aborted", "stall", () => umbrella.find("job", { signal: AbortSignal.timeout(20) }));
    await errorOf("validation", "success", () => umbrella.getEntity("job", "not an id"));
    await errorOf("job", "failedJob", () => umbrella.waitFor("job", ID, { intervalMs: 1 }));
    await errorOf("not found", "empty", () => umbrella.waitFor("job", ID, { intervalMs: 1 }));
    await errorOf("rate limit", "limited", () => umbrella.find("job"));
    const classes = Object.values(shown).map((error) => (error as Error)?.constructor);
    expect(classes).toEqual([AccsynApiError, AccsynProtocolError, AccsynNetworkError, AccsynNetworkError, AccsynAbortError, AccsynValidationError, AccsynJobError, AccsynNotFoundError, AccsynRateLimitError]);
    for (const [name, error] of Object.entries(shown)) {
      const texts = [...printouts(error), ...printouts((error as { cause?: unknown }).cause)].join("\n");
      expect(leaks(texts), name).toEqual([]);
    }
    for (const session of sessions) {
      const texts = printouts(session).join("\n");
      expect(leaks(texts), inspect(session)).toEqual([]);
      expect(texts).toContain("alice@acme.example");
      (session as Session).close();
    }
  }, 30_000);
});
