import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../src/index.js";
import { sqliteBackend } from "../src/store/open-sqlite.js";
import { RawClient } from "./client.js";

const PKG = fileURLToPath(new URL("..", import.meta.url));
const ESBUILD = join(PKG, "..", "..", "node_modules", ".bin", "esbuild");
const BUNDLE = join(PKG, "node_modules", ".cache", "emulator-test", "emulator.mjs");
let dir = "";

beforeAll(() => {
  // A fresh bundle of the sources, so the child process runs exactly the code under test.
  mkdirSync(join(BUNDLE, ".."), { recursive: true });
  execFileSync(ESBUILD, ["src/index.ts", "--bundle", "--platform=node", "--format=esm", "--external:better-sqlite3", `--outfile=${BUNDLE}`, "--log-level=warning"], { cwd: PKG });
  dir = mkdtempSync(join(tmpdir(), "emu-durable-"));
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const CHILD = `
const { startEmulator } = await import(${JSON.stringify(pathToFileURL(BUNDLE).href)});
const emu = await startEmulator({ port: 0, dataDir: process.argv[1] });
process.stdout.write(JSON.stringify({ url: emu.url, port: emu.port }) + "\\n");
`;

describe("durability", () => {
  it("keeps every answered write after SIGKILL during a burst of writes", async () => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD, dir], { stdio: ["ignore", "pipe", "inherit"] });
    const info = await new Promise<{ url: string; port: number }>((resolve, reject) => {
      child.stdout.once("data", (b: Buffer) => resolve(JSON.parse(b.toString()) as { url: string; port: number }));
      child.once("exit", (code) => reject(new Error(`child exited ${String(code)}`)));
    });
    const emuLike = { url: info.url, port: info.port, host: "127.0.0.1", workspace: "acme", users: [], dataDir: dir, stop: async () => {} };
    const admin = new RawClient(emuLike, "admin@acme.test", "demo-admin-key");
    await admin.login();
    const answered: string[] = [];
    const settings: string[] = [];
    /** Writes answered with anything but success: each one fails the test (none may pass as "not answered"). */
    const refused: string[] = [];
    let n = 0;
    let killed = false;
    const worker = async (): Promise<void> => {
      while (!killed) {
        const i = n++;
        try {
          if (i % 3 === 0) {
            const a = await admin.call("PUT", "setting", { entitytype: "workspace", name: `s${i}`, value: String(i) });
            if (a.body.result === true) settings.push(`s${i}`);
            else refused.push(`setting s${i}: ${a.status} ${JSON.stringify(a.body)}`);
          } else {
            const a = await admin.call("POST", "queue/create", { code: `burst-${i}`, name: `Burst ${i}` });
            if (Array.isArray(a.body.result)) answered.push(`burst-${i}`);
            else refused.push(`queue burst-${i}: ${a.status} ${JSON.stringify(a.body)}`);
          }
        } catch {
          return; // the connection died with the process
        }
        if (answered.length >= 120 && !killed) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once("exit", r)));
    expect(child.signalCode).toBe("SIGKILL");
    expect(refused).toEqual([]);
    // One write in three is a setting: with 120 creates answered, dozens of settings were answered too.
    expect(settings.length).toBeGreaterThanOrEqual(50);

    const emu = await startEmulator({ port: 0, dataDir: dir });
    try {
      const again = await RawClient.as(emu, "admin");
      const codes = new Set((await again.find("queue", undefined, {})).map((q) => String(q.code)));
      const missing = answered.filter((c) => !codes.has(c));
      expect(missing).toEqual([]);
      const stored = (await again.call("GET", "setting", { entitytype: "workspace" })).body.result as Record<string, string>;
      expect(settings.filter((s) => stored[s] === undefined)).toEqual([]);
      expect(answered.length).toBeGreaterThanOrEqual(120);
      console.log(`durability on ${sqliteBackend()} (Node ${process.version}): ${answered.length} answered creates and ` +
        `${settings.length} answered settings before SIGKILL, ${missing.length} missing after the restart`);
    } finally {
      await emu.stop();
    }
  }, 60_000);
});
