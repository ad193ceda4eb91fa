/**
 * Runs `accsyn-emulator` (packages/emulator/src/bin.ts, bundled fresh with esbuild so the child runs the
 * code under test) as a child process, so tests can SIGKILL it, read its RSS and notice when it dies.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const EMULATOR_PKG = fileURLToPath(new URL("../../packages/emulator/", import.meta.url));
const ESBUILD = fileURLToPath(new URL("../../node_modules/.bin/esbuild", import.meta.url));
// Inside the emulator package, so the bundle resolves its external better-sqlite3 from there.
const CACHE = join(EMULATOR_PKG, "node_modules", ".cache", "reliability");

/** A running emulator child process. */
export interface EmulatorProcess {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** The child process. */
  child: ChildProcess;
  /** Everything the child wrote to stderr so far. */
  stderr: () => string;
  /** Resident set size of the child in bytes (from /proc/<pid>/status). */
  rss: () => number;
  /** True while the child has not exited. */
  alive: () => boolean;
  /** Resolves when the child has exited (with its exit code and signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after 3 s; resolves once the child is gone. */
  stop: () => Promise<void>;
}

/** Bundles the emulator bin from its sources; answers the bundle's path (unique per process: no races between test files). */
export function bundleEmulatorBin(): string {
  mkdirSync(CACHE, { recursive: true });
  const out = join(CACHE, `bin-${process.pid}.mjs`);
  execFileSync(ESBUILD, ["src/bin.ts", "--bundle", "--platform=node", "--format=esm", "--external:better-sqlite3", `--outfile=${out}`, "--log-level=warning"], { cwd: EMULATOR_PKG });
  return out;
}

/** Removes a bundle made by {@link bundleEmulatorBin}. */
export function removeBundle(path: string): void {
  rmSync(path, { force: true });
}

/** Starts the bundled bin with `--port 0` and extra `args`; resolves once it prints its address. */
export async function startEmulatorProcess(bin: string, args: string[] = []): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [bin, "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr?.on("data", (b: Buffer) => (err += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then(({ code, signal }) => reject(new Error(`emulator exited (${String(code ?? signal)}) before listening: ${out}${err}`)));
  });
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    url,
    port: Number(new URL(url).port),
    child,
    stderr: () => err,
    rss: () => {
      const status = readFileSync(`/proc/${String(child.pid)}/status`, "utf8");
      const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
      if (kb === undefined) throw new Error(`No VmRSS for pid ${String(child.pid)}`);
      return Number(kb) * 1024;
    },
    alive,
    exited,
    async stop() {
      if (!alive()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Demo credentials of the built-in seed, by role. */
export const DEMO_USERS = {
  admin: { username: "admin@acme.test", apiKey: "demo-admin-key" },
  employee: { username: "employee@acme.test", apiKey: "demo-employee-key" },
  standard: { username: "standard@acme.test", apiKey: "demo-standard-key" },
} as const;

/** A demo role of the built-in seed. */
export type DemoRole = keyof typeof DEMO_USERS;

/** Session options for a demo user against an emulator at `url` (no env, no log output). */
export function emulatorSessionOptions(url: string, role: DemoRole) {
  const u = new URL(url);
  return {
    workspace: "acme",
    ...DEMO_USERS[role],
    hostname: u.hostname,
    port: Number(u.port),
    protocol: "http" as const,
    env: {},
    logger: {},
  };
}
