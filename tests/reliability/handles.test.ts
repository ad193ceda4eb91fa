/**
 * Leaked handles: a child process runs an SDK session (successful, refused, invalid and aborted calls) against the
 * emulator, closes it, reports what is still active, and must exit by itself within 2 s.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@accsyn/emulator";
import { reportFigures } from "../support/reliability-report.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const OUT = join(ROOT, "tests", "node_modules", ".cache", "reliability", `handles-child-${process.pid}.cjs`);
const SDK_PACKAGES = ["api", "core", "entities", "files", "acl", "settings"];

let emu: RunningEmulator;
beforeAll(async () => {
  mkdirSync(join(OUT, ".."), { recursive: true });
  // The child runs the SDK sources (bundled), like the tests do through vitest's aliases.
  execFileSync(join(ROOT, "node_modules", ".bin", "esbuild"), [
    "tests/support/handles-child.ts", "--bundle", "--platform=node", "--format=cjs", `--outfile=${OUT}`, "--log-level=warning",
    '--define:__ACCSYN_PKG_VERSION__="0.0.0-test"', ...SDK_PACKAGES.map((p) => `--alias:@accsyn/${p}=./packages/${p}/src/index.ts`),
  ], { cwd: ROOT });
  emu = await startEmulator({ port: 0 });
}, 60_000);
afterAll(async () => {
  await emu?.stop();
  rmSync(OUT, { force: true });
});

describe("leaked handles", () => {
  it("a process using the SDK exits by itself within 2 s of session.close(), with nothing left active", async () => {
    const child = spawn(process.execPath, [OUT, emu.url], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    const exit = await new Promise<{ code: number | null; at: number }>((resolve) => {
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", (code) => {
        clearTimeout(killer);
        resolve({ code, at: Date.now() });
      });
    });
    const report = JSON.parse(out.trim().split("\n").pop() ?? "{}") as { outcomes: string[]; active: string[]; closedAt: number };
    const exitMs = exit.at - report.closedAt;
    reportFigures("handles", { leakedHandles: report.active.length, exitAfterCloseMs: exitMs });
    console.log(`handles: outcomes ${report.outcomes.join(", ")}; active after close: [${report.active.join(", ")}]; exited ${exitMs} ms after close`);
    expect(exit.code).toBe(0);
    expect(report.outcomes.filter((o) => o === "ok")).toHaveLength(3);
    expect(report.outcomes).toContain("AccsynApiError");
    expect(report.outcomes).toContain("AccsynValidationError");
    expect(report.outcomes).toContain("AccsynAbortError");
    expect(report.active).toEqual([]);
    expect(exitMs).toBeLessThan(2_000);
  }, 30_000);
});
