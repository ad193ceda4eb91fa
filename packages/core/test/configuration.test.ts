/**
 * Configuration from the environment (issue 17): the endpoint from ACCSYN_HOSTNAME/PORT/PROTOCOL,
 * the dotenv precedence of an implicit ./.env against an explicit env file, and the debug log
 * naming where each credential came from (never its value).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AccsynValidationError, Session } from "@accsyn/core";
import { startTestServer, type TestServer } from "../../../tests/support/test-server.js";

const CREDENTIALS = { ACCSYN_WORKSPACE: "acme", ACCSYN_API_USER: "alice@acme.example", ACCSYN_API_KEY: "ak_public_3f9c2e" };

let server: TestServer | undefined;
let dir: string;
let cwd: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "accsyn-config-"));
  cwd = process.cwd();
});
afterEach(async () => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
  await server?.close();
  server = undefined;
});

describe("the endpoint from the environment", () => {
  it("reaches the backend named by ACCSYN_HOSTNAME, ACCSYN_PORT and ACCSYN_PROTOCOL", async () => {
    server = await startTestServer((req) => (req.path === "/api/v3/event" ? { body: { result: [] } } : undefined));
    const env = { ...CREDENTIALS, ACCSYN_HOSTNAME: "127.0.0.1", ACCSYN_PORT: String(server.port), ACCSYN_PROTOCOL: "http" };
    const session = new Session({ env, retries: 0 });
    expect(await session.request("GET", "user/find", { data: {} })).toEqual({ result: [] });
    expect(session.endpoint).toEqual({ protocol: "http", host: "127.0.0.1", port: server.port });
    session.close();
  });

  it("lets options win over the variables", async () => {
    server = await startTestServer(() => undefined);
    const env = { ...CREDENTIALS, ACCSYN_HOSTNAME: "unreachable.invalid", ACCSYN_PORT: "1", ACCSYN_PROTOCOL: "https" };
    const session = new Session({ env, hostname: "127.0.0.1", port: server.port, protocol: "http", retries: 0 });
    await session.login();
    expect(session.endpoint).toEqual({ protocol: "http", host: "127.0.0.1", port: server.port });
    session.close();
  });

  it("reads the endpoint from a .env file too", async () => {
    server = await startTestServer(() => undefined);
    const file = join(dir, "endpoint.env");
    writeFileSync(file, `ACCSYN_HOSTNAME=127.0.0.1\nACCSYN_PORT=${server.port}\nACCSYN_PROTOCOL=http\n`);
    const session = new Session({ env: CREDENTIALS, envFile: file, retries: 0 });
    await session.login();
    expect(session.endpoint?.port).toBe(server.port);
    session.close();
  });

  it("refuses a port or protocol variable it cannot use, naming it and what to do", async () => {
    const badPort = new Session({ env: { ...CREDENTIALS, ACCSYN_HOSTNAME: "127.0.0.1", ACCSYN_PORT: "80x" } });
    await expect(badPort.login()).rejects.toThrowError(AccsynValidationError);
    await expect(badPort.login()).rejects.toThrowError(/ACCSYN_PORT "80x": use a whole number from 1 to 65535, or unset it/);
    const badProtocol = new Session({ env: { ...CREDENTIALS, ACCSYN_HOSTNAME: "127.0.0.1", ACCSYN_PROTOCOL: "ftp" } });
    await expect(badProtocol.login()).rejects.toThrowError(/ACCSYN_PROTOCOL "ftp": use "https" or "http"/);
  });
});

describe(".env precedence (dotenv convention)", () => {
  it("an implicit ./.env fills gaps but does not override a variable already set", () => {
    writeFileSync(join(dir, ".env"), "ACCSYN_WORKSPACE=fromfile\nACCSYN_API_USER=file@acme.example\nACCSYN_API_KEY=filekey\n");
    process.chdir(dir);
    const session = new Session({ env: { ACCSYN_WORKSPACE: "fromenv" } });
    expect([session.workspace, session.username]).toEqual(["fromenv", "file@acme.example"]);
  });

  it("an env file named by envFile or ACCSYN_CREDENTIALS_PATH overrides the environment", () => {
    const file = join(dir, "named.env");
    writeFileSync(file, "ACCSYN_WORKSPACE=fromfile\n");
    expect(new Session({ env: { ...CREDENTIALS }, envFile: file }).workspace).toBe("fromfile");
    expect(new Session({ env: { ...CREDENTIALS, ACCSYN_CREDENTIALS_PATH: file } }).workspace).toBe("fromfile");
  });

  it("logs at debug where each credential came from, never the values", () => {
    writeFileSync(join(dir, ".env"), "ACCSYN_API_KEY=filekey-0123456789\n");
    process.chdir(dir);
    const lines: string[] = [];
    new Session({ env: { ACCSYN_WORKSPACE: "acme", ACCSYN_HOSTNAME: "127.0.0.1" }, username: "a@b.c", verbose: true, logger: { debug: (line) => lines.push(line) } });
    expect(lines).toEqual([
      "workspace from ACCSYN_WORKSPACE (environment)",
      "username from the username option",
      `API key from ACCSYN_API_KEY in ${join(dir, ".env")}`,
      "hostname from ACCSYN_HOSTNAME (environment)",
    ]);
    expect(lines.join("\n")).not.toContain("filekey");
  });
});
