import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const pkg = fileURLToPath(new URL("..", import.meta.url));

/** Runs dependency-cruiser with the package's rules (.dependency-cruiser.cjs); answers its exit code and report. */
async function cruise(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [depcruiseBin(), "src", "--config", ".dependency-cruiser.cjs", "--output-type", "err-long"], { cwd: pkg });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

/** The dependency-cruiser CLI (a root devDependency). */
function depcruiseBin(): string {
  return fileURLToPath(new URL("../../../node_modules/dependency-cruiser/bin/dependency-cruise.mjs", import.meta.url));
}

describe("emulator layers", () => {
  it("has no import cycle and no upward import (domain <- wire <- handlers <- server)", async () => {
    const { code, out } = await cruise();
    expect(out, out).not.toMatch(/error/);
    expect(code).toBe(0);
  }, 60_000);
});
