import { execFileSync, spawn } from "node:child_process";
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

describe("accsyn-emulator bin", () => {
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
