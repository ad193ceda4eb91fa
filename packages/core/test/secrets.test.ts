import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { Session } from "@accsyn/core";
import { sessionOptions, startTestServer, type TestServer } from "../../../tests/support/test-server.js";

const API_KEY = "sk_live_9f8e7d6c5b4a39281726354433221100";
const forms = [API_KEY, Buffer.from(API_KEY).toString("base64"), Buffer.from(API_KEY).toString("base64").replace(/=+$/, "")];

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
