/**
 * The README's tour (`scripts/tour.mjs`) runs end to end against a fresh emulator: it must exit 0
 * within a minute and reach its last step.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const NEEDED = ["packages/api/dist/index.js", "packages/emulator/dist/index.js", "packages/cli/dist/index.js"];

beforeAll(() => {
  if (NEEDED.every((file) => existsSync(`${ROOT}${file}`))) return;
  execFileSync("pnpm", ["turbo", "run", "build", "--filter", "@accsyn/cli..."], { cwd: ROOT, stdio: "ignore" });
}, 300_000);

it("the tour walks every step and exits 0 in under a minute", async () => {
  const started = Date.now();
  const env = { ...process.env, NO_COLOR: "1" };
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ["scripts/tour.mjs"], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(Date.now() - started).toBeLessThan(60_000);
  for (const heading of ["List the volumes", "share it with standard@acme.test", "Upload them by transfer", "Create a delivery", "See it as the recipient", "Read and change a workspace setting", "Tour complete"]) {
    expect(result.stdout).toContain(heading);
  }
  expect(result.stdout).toMatch(/upload done 100%/);
  expect(result.stdout).toMatch(/watch: +added \w+ \d+% → .*done → removed\n/);
  expect(result.stdout).toMatch(/download done 100%/);
  expect(result.stdout).not.toContain("\u001b");
}, 90_000);
