import { execFile, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const PKG = fileURLToPath(new URL("..", import.meta.url));
const ESBUILD = join(PKG, "..", "..", "node_modules", ".bin", "esbuild");
const BIN = join(PKG, "node_modules", ".cache", "emulator-test", "bin.mjs");

beforeAll(() => {
  mkdirSync(join(BIN, ".."), { recursive: true });
  execFileSync(ESBUILD, ["src/bin.ts", "--bundle", "--platform=node", "--format=esm", "--external:better-sqlite3", `--outfile=${BIN}`, "--log-level=warning"], { cwd: PKG });
}, 60_000);

/** Starts the bin and resolves with its URL once it prints the demo credentials (then SIGTERMs it). */
async function urlOfRun(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], env });
  let out = "";
  try {
    return await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (b: Buffer) => {
        out += b.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m && out.includes("standard@acme.test")) resolve(m[1] ?? "");
      });
      child.stderr.on("data", (b: Buffer) => (out += b.toString()));
      child.once("exit", (code) => reject(new Error(`exited ${String(code)}: ${out}`)));
    });
  } finally {
    child.kill("SIGTERM");
  }
}

/** Runs the bin to its end; resolves with its exit code and stderr. */
function runToEnd(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env }, (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }));
  });
}

describe("accsyn-emulator bin", () => {
  it("explains a busy port as `accsyn emulator` does, and exits 1", async () => {
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, "127.0.0.1", done));
    const { port } = busy.address() as AddressInfo;
    try {
      const { code, stderr } = await runToEnd(["--port", String(port)]);
      expect(stderr).toBe(`accsyn-emulator: Port ${port} on 127.0.0.1 is already in use: stop what listens there, or pass --port 0 for a free port.\n`);
      expect(code).toBe(1);
    } finally {
      busy.close();
    }
  });

  it("takes its port from ACCSYN_EMULATOR_PORT when --port is not given; --port wins over it", async () => {
    const fromEnv = await urlOfRun([], { ...process.env, ACCSYN_EMULATOR_PORT: "0" });
    expect(Number(new URL(fromEnv).port)).toBeGreaterThan(0);
    expect(new URL(fromEnv).port).not.toBe("8181");
    const flagWins = await urlOfRun(["--port", "0"], { ...process.env, ACCSYN_EMULATOR_PORT: "not-a-port" });
    expect(new URL(flagWins).port).not.toBe("8181");
    const { code, stderr } = await runToEnd([], { ...process.env, ACCSYN_EMULATOR_PORT: "not-a-port" });
    expect(stderr).toContain("Invalid ACCSYN_EMULATOR_PORT 'not-a-port'");
    expect(code).toBe(1);
  });

  it("takes --port after the `--` that `pnpm emulator -- --port N` passes on", async () => {
    const url = await urlOfRun(["--", "--port", "0"], { ...process.env, ACCSYN_EMULATOR_PORT: "not-a-port" });
    expect(Number(new URL(url).port)).toBeGreaterThan(0);
  });

  it("prints the address and demo credentials, serves, and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, [BIN, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (b: Buffer) => {
        out += b.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m && out.includes("standard@acme.test")) resolve(m[1] ?? "");
      });
      child.once("exit", (code) => reject(new Error(`exited ${String(code)}: ${out}`)));
    });
    expect(out).toContain("demo-admin-key");
    const res = await fetch(`${url}/api/v3/J3PKTtDvolDMBtTy6AFGA?${encodeURIComponent(JSON.stringify({ ident: "acme" }))}`);
    expect(((await res.json()) as { result: { port: number } }).result.port).toBe(Number(new URL(url).port));
    const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });

  it("refuses a bad --port with exit code 1", () => {
    expect(() => execFileSync(process.execPath, [BIN, "--port", "nope"], { stdio: "pipe" })).toThrow(/Invalid --port/);
  });

  it("refuses a bad --pickup-delay with exit code 1", () => {
    expect(() => execFileSync(process.execPath, [BIN, "--port", "0", "--pickup-delay", "soon"], { stdio: "pipe" })).toThrow(/Invalid --pickup-delay/);
  });
});
