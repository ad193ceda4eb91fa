/**
 * The README's tour (`scripts/tour.mjs`) runs end to end against a fresh emulator: it must exit 0
 * within a minute and reach its last step.
 */
import { execFile, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const NEEDED = ["packages/api/dist/index.js", "packages/emulator/dist/index.js", "packages/cli/dist/index.js"];

beforeAll(() => {
  if (NEEDED.every((file) => existsSync(`${ROOT}${file}`))) return;
  execFileSync("pnpm", ["turbo", "run", "build", "--filter", "@accsyn/cli..."], { cwd: ROOT, stdio: "ignore" });
}, 300_000);

/** A port nothing listens on right now (the OS's pick); never 8181. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** The port `pnpm emulator` uses in this file (through ACCSYN_EMULATOR_PORT), and the tour's output. */
let port = 0;
let tourOutput = "";

it("the tour walks every step and exits 0 in under a minute", async () => {
  const started = Date.now();
  port = await freePort();
  const env = { ...process.env, NO_COLOR: "1", ACCSYN_EMULATOR_PORT: String(port) };
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
  tourOutput = result.stdout;
}, 90_000);

it("the tour ends with commands that work as printed: `pnpm emulator`, then `pnpm accsyn …` against it", async () => {
  const lines = tourOutput.trimEnd().split("\n");
  const [start, command] = [lines[lines.length - 3]?.trim(), lines[lines.length - 1]?.trim() ?? ""];
  expect(start).toBe("pnpm emulator");
  expect(command).toMatch(new RegExp(`^ACCSYN_WORKSPACE=acme .* pnpm accsyn --host 127\\.0\\.0\\.1 --port ${port} --http ls share=projects/plates$`));
  // Credentials come from the printed line only; the emulator from `pnpm emulator`, as a user runs them.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("ACCSYN_")));
  const emulator = spawn("sh", ["-c", start ?? ""], { cwd: ROOT, env: { ...env, ACCSYN_EMULATOR_PORT: String(port) }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  try {
    await new Promise<void>((resolve, reject) => {
      let out = "";
      emulator.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes(`listening on http://127.0.0.1:${port}`)) resolve();
      });
      emulator.once("exit", (code) => reject(new Error(`pnpm emulator exited ${String(code)}: ${out}`)));
    });
    const listed = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile("sh", ["-c", command], { cwd: ROOT, env: { ...env, NO_COLOR: "1" } }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }));
    });
    expect(listed.stderr).not.toMatch(/accsyn:/);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/dir\tsh010/);
    expect(listed.stdout).toMatch(/dir\tsh020/);
  } finally {
    if (emulator.pid !== undefined) process.kill(-emulator.pid, "SIGTERM");
  }
}, 90_000);
