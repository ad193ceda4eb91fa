/**
 * Test helpers: run the BUILT `accsyn` binary as a child process (no TTY) against an emulator
 * started in the test, with credentials in the environment.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { startEmulator, type EmulatorOptions } from "@accsyn/emulator";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The built executable. */
export const BIN = join(ROOT, "packages/cli/dist/bin.js");

/** Builds the CLI and what it imports at run time when its dist is missing. */
export function ensureBuilt(): void {
  const needed = ["cli/dist/bin.js", "api/dist/index.js", "emulator/dist/index.js"];
  if (needed.every((file) => existsSync(join(ROOT, "packages", file)))) return;
  execFileSync("pnpm", ["turbo", "run", "build", "--filter", "@accsyn/cli..."], { cwd: ROOT, stdio: "ignore" });
}

/** What a run of the binary produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface RunOptions {
  /** Extra environment (merged over the credentials). */
  env?: Record<string, string | undefined>;
  /** Text written to stdin. */
  input?: string;
  /** Leave out `--host/--port/--http`. */
  noConnection?: boolean;
  /**
   * Milliseconds before the child is killed and the run fails, naming the command and what it printed so far
   * (default 15 s: under the 20 s test timeout, so that a hung command is reported, not a bare test timeout).
   */
  killAfterMs?: number;
}

/** An emulator plus a way to run `accsyn` against it as one of its users. */
export interface CliHarness {
  run(args: readonly string[], options?: RunOptions): Promise<CliResult>;
  /** Runs and parses stdout as JSON (fails the test with stderr when it is not). */
  json<T = unknown>(args: readonly string[], options?: RunOptions): Promise<T>;
  port: number;
  workspace: string;
  /** The directory the CLI runs in (no .env file). */
  cwd: string;
  keyOf(role: string): string;
  userOf(role: string): string;
  stop(): Promise<void>;
}

/** A clean environment: no inherited accsyn settings, proxies or colour forcing. */
function baseEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(ACCSYN_|AS_DEV|HTTPS?_PROXY|https?_proxy|NO_PROXY|no_proxy|FORCE_COLOR|NO_COLOR)/.test(key)) continue;
    env[key] = value;
  }
  return env;
}

/** Starts an emulator (demo seed, free port) and returns a harness acting as `role` by default. */
export async function startHarness(role = "admin", emulator: EmulatorOptions = {}): Promise<CliHarness> {
  ensureBuilt();
  const emu = await startEmulator({ port: 0, ...emulator });
  const cwd = mkdtempSync(join(tmpdir(), "accsyn-cli-test-"));
  const user = (r: string) => emu.users.find((u) => u.role === r) ?? assertNever(r);
  const me = user(role);
  const run = (args: readonly string[], options: RunOptions = {}): Promise<CliResult> =>
    new Promise((resolve, reject) => {
      const connection = options.noConnection ? [] : ["--host", "127.0.0.1", "--port", String(emu.port), "--http"];
      const merged = { ...baseEnv(), ACCSYN_WORKSPACE: emu.workspace, ACCSYN_API_USER: me.username, ACCSYN_API_KEY: me.apiKey, ...options.env };
      const env = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
      const killAfterMs = options.killAfterMs ?? 15_000;
      const child = execFile(process.execPath, [BIN, ...args, ...connection], { cwd, env, timeout: killAfterMs }, (error, stdout, stderr) => {
        if (error?.killed) {
          reject(new Error(`accsyn ${args.join(" ")} did not exit within ${killAfterMs} ms and was killed; stdout: ${JSON.stringify(stdout.slice(0, 2000))}; stderr: ${JSON.stringify(stderr.slice(0, 2000))}`));
          return;
        }
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
      child.stdin?.end(options.input ?? "");
    });
  return {
    run,
    async json<T>(args: readonly string[], options?: RunOptions): Promise<T> {
      const result = await run([...args, "--json"], options);
      if (result.code !== 0) throw new Error(`accsyn ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
      return JSON.parse(result.stdout) as T;
    },
    port: emu.port,
    workspace: emu.workspace,
    cwd,
    keyOf: (r) => user(r).apiKey,
    userOf: (r) => user(r).username,
    async stop() {
      await emu.stop();
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

function assertNever(role: string): never {
  throw new Error(`The emulator has no ${role} user`);
}

/** True when the text has an escape byte (colour codes, cursor moves). */
export function hasEscape(text: string): boolean {
  return text.includes("\u001b");
}

/** The directory on disk of the demo volume `projects` (to put files the CLI then lists). */
export async function projectsDir(cli: CliHarness): Promise<string> {
  const [volume] = await cli.json<Array<{ path: string }>>(["find", "volume WHERE code=projects"]);
  if (!volume) throw new Error("The emulator's demo seed has no volume 'projects'");
  return volume.path;
}

/**
 * Starts a harness for the test file (before its tests, stopped after them) and returns a getter,
 * so a file needs no lifecycle code of its own.
 */
export function harnessForFile(role = "admin", emulator: EmulatorOptions = {}): () => CliHarness {
  let harness: CliHarness | undefined;
  beforeAll(async () => {
    harness = await startHarness(role, emulator);
  }, 180_000);
  afterAll(async () => {
    await harness?.stop();
  });
  return () => harness ?? assertNever(`${role} (the harness has not started)`);
}
