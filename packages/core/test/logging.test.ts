/**
 * A thrown error is the report: the SDK does not also print it as `[accsyn] warn:` on stderr
 * (the default logger), whether the caller catches it or not. Its text is a debug line, written
 * only with `verbose`. Checked on the real stderr of a child process using the built package.
 */
import { afterEach, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startTestServer, type TestServer } from "../../../tests/support/test-server.js";

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Makes four failing calls (message, message_hr, exception, non-JSON), catching each; prints the error names. */
const CHILD = `
const { Session } = await import("@accsyn/core");
const [port, verbose] = process.argv.slice(1);
const session = new Session({ workspace: "acme", username: "alice@acme.example", apiKey: "ak_child_5e1f0a", hostname: "127.0.0.1",
  port: Number(port), protocol: "http", retries: 0, env: {}, verbose: verbose === "verbose" });
for (const uri of ["message/find", "readable/find", "exception/find", "html/find"]) {
  await session.request("GET", uri).catch((error) => process.stdout.write(error.name + "\\n"));
}
session.close();
`;

const ANSWERS: Record<string, { status: number; body: unknown; contentType?: string }> = {
  message: { status: 400, body: { message: "Entity locked by another user" } },
  readable: { status: 403, body: { message: "denied", message_hr: "You may not read this queue" } },
  exception: { status: 500, body: { exception: "KeyError: 'tasks'" } },
  html: { status: 502, body: "<html>Bad Gateway</html>", contentType: "text/html" },
};

let server: TestServer | undefined;
afterEach(async () => server?.close());

async function runChild(mode: "quiet" | "verbose"): Promise<{ stdout: string; stderr: string }> {
  server = await startTestServer((req) => {
    if (req.path !== "/api/v3/event") return undefined;
    return ANSWERS[String(req.event?.uri).split("/")[0]!];
  });
  const run = promisify(execFile);
  return run(process.execPath, ["--input-type=module", "-e", CHILD, String(server.port), mode], { cwd: PACKAGE_DIR, env: { PATH: process.env.PATH ?? "" } });
}

describe("errors and stderr", () => {
  it("prints nothing on stderr for errors the caller catches", async () => {
    const { stdout, stderr } = await runChild("quiet");
    expect(stdout.trim().split("\n")).toEqual(["AccsynApiError", "AccsynApiError", "AccsynApiError", "AccsynProtocolError"]);
    expect(stderr).toBe("");
  }, 20_000);

  it("writes the error texts as debug lines with verbose, never as warnings", async () => {
    const { stderr } = await runChild("verbose");
    expect(stderr).not.toContain("[accsyn] warn:");
    expect(stderr).toContain("[accsyn] Entity locked by another user\n");
    expect(stderr).toContain("[accsyn] You may not read this queue\n");
    expect(stderr).toContain("[accsyn] /event caused an exception! Please contact acme admin for more further support. KeyError: 'tasks'\n");
    expect(stderr).toMatch(/\[accsyn\] The accsyn backend answered GET html\/find with HTTP 502 and a body that is not JSON/);
  }, 20_000);
});
