import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import {
  AccsynAbortError,
  AccsynApiError,
  AccsynError,
  AccsynJobError,
  AccsynNetworkError,
  AccsynNotFoundError,
  AccsynProtocolError,
  AccsynRateLimitError,
  AccsynValidationError,
  SecretMasker,
  Session,
} from "@accsyn/core";
import { createAgents } from "../src/proxy.js";
import { Transport } from "../src/transport.js";
import { printouts, secretForms } from "../../../tests/support/printouts.js";
import { sessionOptions, startTestServer, type TestServer } from "../../../tests/support/test-server.js";

const API_KEY = "sk_live_9f8e7d6c5b4a39281726354433221100";
const forms = secretForms(API_KEY, "alice@acme.example");

let server: TestServer | undefined;
afterEach(async () => server?.close());

function leaks(text: string): string[] {
  return forms.filter((form) => text.includes(form));
}

describe("secrets", () => {
  it("never appear in verbose logs, log files, error messages, causes or error JSON", async () => {
    let mode = "ok";
    server = await startTestServer((req) => {
      if (req.path !== "/api/v3/event") return undefined;
      if (mode === "api") return { status: 401, body: { message: `bad key ${req.headers.authorization}` } };
      if (mode === "html") return { status: 502, body: `<pre>${req.headers.authorization}</pre>`, contentType: "text/html" };
      if (mode === "slow") return { delayMs: 1_000, body: {} };
      return { body: { result: [{ echoed: req.headers.authorization }] } };
    });
    const lines: string[] = [];
    const logFile = join(mkdtempSync(join(tmpdir(), "accsyn-log-")), "accsyn.log");
    const logged = new Session({ ...sessionOptions(server).options, apiKey: API_KEY, verbose: true, logger: { debug: (m) => lines.push(m), warn: (m) => lines.push(m) } });
    const filed = new Session({ ...sessionOptions(server).options, apiKey: API_KEY, verbose: true, prettyJson: true, logFile, logger: undefined, timeoutMs: 200 });
    const errors: unknown[] = [];
    for (const session of [logged, filed]) {
      for (mode of ["ok", "api", "html", "slow"]) {
        await session.request("GET", "user/find", { data: { note: "x" } }).catch((e: unknown) => errors.push(e));
      }
    }
    const refused = new Session({ ...sessionOptions({ port: 1 }).options, apiKey: API_KEY, verbose: true, logger: { debug: (m) => lines.push(m), warn: (m) => lines.push(m) } });
    await refused.login().catch((e: unknown) => errors.push(e));
    logged.close();
    filed.close();
    expect(errors.length).toBe(6);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((line) => line.includes(":***"))).toBe(true);
    expect(leaks(lines.join("\n"))).toEqual([]);
    expect(leaks(readFileSync(logFile, "utf8"))).toEqual([]);
    for (const error of errors) {
      const texts = [String(error), (error as Error).message, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];
      expect(leaks(texts.join("\n"))).toEqual([]);
    }
  });
});

describe("printouts of objects that hold the key", () => {
  it("never show the key or the Authorization value: session, log, masker, transport, every error class, log records", async () => {
    server = await startTestServer((req) => {
      if (req.path !== "/api/v3/event") return undefined;
      const kind = String(req.event?.uri).split("/")[0];
      if (kind === "limited") return { status: 429, body: { message: `slow down ${req.headers.authorization}` } };
      if (kind === "html") return { status: 502, body: `<pre>${req.headers.authorization}</pre>`, contentType: "text/html" };
      return { status: 400, body: { message: `bad ${req.headers.authorization}` } };
    });
    const lines: string[] = [];
    const logger = { debug: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    const env = { ACCSYN_API_KEY: API_KEY, HTTPS_PROXY: "" };
    const options = { ...sessionOptions(server).options, apiKey: API_KEY, env, verbose: true, logger, rateLimitRetries: 0 };
    const session = new Session(options);
    const fromEnv = new Session({ ...options, apiKey: undefined });
    const objects: Record<string, unknown> = { "new session": session, "session from env": fromEnv };
    const thrown: Record<string, unknown> = {};
    for (const uri of ["denied/find", "limited/find", "html/find"]) {
      thrown[uri] = await session.request("GET", uri).catch((e: unknown) => e);
    }
    const controller = new AbortController();
    controller.abort();
    thrown.aborted = await session.request("GET", "x/find", {}, { signal: controller.signal }).catch((e: unknown) => e);
    thrown.refused = await new Session({ ...options, port: 1 }).login().catch((e: unknown) => e);
    thrown.validation = await Promise.resolve()
      .then(() => new Session({ ...options, timeoutMs: -1 }))
      .catch((e: unknown) => e);
    Object.assign(objects, { "session after calls": session, log: session.log, thrown });
    const masker = new SecretMasker();
    masker.add(API_KEY);
    const transport = await Transport.open({
      baseUrl: `${server.url}/api/v3`, host: "127.0.0.1", port: server.port, timeoutMs: 1_000, connectTimeoutMs: 1_000, retries: 0,
      rateLimitRetries: 0, retryDelayMs: 1, agents: await createAgents({ proxy: undefined, env, host: "127.0.0.1", port: server.port }), rejectUnauthorized: true, ca: undefined, masker,
    });
    Object.assign(objects, { masker, transport, "log records": lines });
    const classes = [AccsynError, AccsynValidationError, AccsynApiError, AccsynJobError, AccsynNetworkError, AccsynAbortError, AccsynProtocolError, AccsynNotFoundError, AccsynRateLimitError];
    const kinds = Object.values(thrown).map((error) => (error as Error).constructor);
    expect(kinds).toEqual([AccsynApiError, AccsynRateLimitError, AccsynProtocolError, AccsynAbortError, AccsynNetworkError, AccsynValidationError]);
    for (const Kind of classes) {
      objects[Kind.name] = new (Kind as new (m: string, o: object) => Error)(`made with ${inspect(session)}`, { jobId: "j", jobStatus: "failed", entityType: "job", entityId: "x", cause: thrown.refused });
    }
    for (const [name, value] of Object.entries(objects)) {
      const texts = printouts(value).join("\n");
      expect(forms.filter((form) => texts.includes(form)), name).toEqual([]);
    }
    const shown = inspect(session, { breakLength: Infinity });
    expect(shown).toBe(`Session { workspace: 'acme', username: 'alice@acme.example', apiKey: '***', endpoint: 'http://127.0.0.1:${server.port}', role: 'admin' }`);
    expect(JSON.parse(JSON.stringify(fromEnv))).toEqual({ workspace: "acme", username: "alice@acme.example", apiKey: "***" });
    expect(inspect(transport)).toContain(`baseUrl: '${server.url}/api/v3'`);
    expect(lines.length).toBeGreaterThan(5);
    transport.close();
    session.close();
  });
});

describe("the key the session authenticates with", () => {
  it("is masked however short: a 3-character key never shows in logs or errors", async () => {
    const key = "k9#";
    server = await startTestServer((req) => (req.path === "/api/v3/event" ? { status: 400, body: { message: `refused key=${key} auth=${req.headers.authorization}` } } : undefined));
    const lines: string[] = [];
    const session = new Session({ ...sessionOptions(server).options, apiKey: key, verbose: true, logger: { debug: (m) => lines.push(m), warn: (m) => lines.push(m) } });
    const error = await session.request("GET", "user/find").catch((e: unknown) => e);
    session.close();
    expect(error).toBeInstanceOf(AccsynApiError);
    const texts = [...lines, (error as Error).message, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), session.mask(`x ${key} y`)].join("\n");
    expect(texts).toContain("refused key=***");
    expect(secretForms(key).filter((form) => texts.includes(form))).toEqual([]);
    const masker = new SecretMasker();
    masker.add("ab");
    expect(masker.mask("key ab, YWI=, YWI")).toBe("key ***, ***, ***");
  });

  it("is the trimmed key: checked trimmed, sent trimmed, masked", async () => {
    const key = "sk_padded_0123456789";
    let sent: string | undefined;
    server = await startTestServer((req) => {
      sent ??= String(req.headers.authorization);
      return undefined;
    });
    const session = new Session({ ...sessionOptions(server).options, apiKey: undefined, env: { ACCSYN_API_KEY: `  ${key}\n` } });
    await session.login();
    session.close();
    expect(sent).toBe(`basic ${Buffer.from("alice@acme.example").toString("base64")}:${Buffer.from(key).toString("base64")}`);
    expect(session.mask(`the key ${key} and ${Buffer.from(key).toString("base64")}`)).toBe("the key *** and ***");
  });
});
