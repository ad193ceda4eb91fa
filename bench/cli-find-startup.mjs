#!/usr/bin/env node
// Benchmark (not a test): wall time of `accsyn find user --json` (the built ESM bin) against an
// emulator, in fresh processes on the Node running this script, next to two floors on the same Node:
// bare `node -e ""`, and a raw `fetch` of the same login + find (what any client process must pay).
// On Node ≥ 22.1 the CLI uses Node's compile cache: measured with a warm cache and with
// NODE_DISABLE_COMPILE_CACHE=1. Run after a build: `node bench/cli-find-startup.mjs [runs]` (default 20),
// e.g. with `.cache/node/24.22.3/bin/node` (see `pnpm test:matrix`) to compare Node versions.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../packages/emulator/dist/index.js";

const BIN = fileURLToPath(new URL("../packages/cli/dist/bin.js", import.meta.url));
const RUNS = Number(process.argv[2] ?? 20);
const emu = await startEmulator({ port: 0, jobs: { run: false } });
const admin = emu.users.find((u) => u.role === "admin");
const url = new URL(emu.url);
const cacheDir = mkdtempSync(join(tmpdir(), "accsyn-bench-cache-"));
const env = {
  ...process.env, ACCSYN_WORKSPACE: emu.workspace, ACCSYN_API_USER: admin.username, ACCSYN_API_KEY: admin.apiKey,
  ACCSYN_HOSTNAME: url.hostname, ACCSYN_PORT: url.port, ACCSYN_PROTOCOL: "http", NODE_COMPILE_CACHE: cacheDir,
};
const RAW = `const h = { Authorization: "basic " + btoa(process.env.ACCSYN_API_USER) + ":" + btoa(process.env.ACCSYN_API_KEY), "X-Accsyn-Workspace": process.env.ACCSYN_WORKSPACE };
const base = "http://" + process.env.ACCSYN_HOSTNAME + ":" + process.env.ACCSYN_PORT;
const login = await (await fetch(base + "/api/v3/api/login", { method: "PUT", headers: h, body: "{}" })).json();
const event = { audience: "api", workspace: process.env.ACCSYN_WORKSPACE, eid: crypto.randomUUID(), session: login.result.session_id,
  uri: "user/find", ident: process.env.ACCSYN_API_USER, created: new Date().toISOString().slice(0, 19), hostname: "bench", data: {} };
const body = await (await fetch(base + "/api/v3/event?" + encodeURIComponent(JSON.stringify(event)), { headers: h })).json();
process.stdout.write(JSON.stringify(body.result));`;

/** Runs node with `args` in a fresh process (asynchronously: the emulator answers from this one). */
async function once(args, extraEnv = {}) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`node ${args.join(" ")} exited ${code}: ${stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
const cases = {
  "node -e \"\" (bare floor)": () => once(["-e", ""]),
  "raw fetch login + find (floor)": () => once(["--input-type=module", "-e", RAW]),
  "accsyn find user --json": () => once([BIN, "find", "user", "--json"]),
  "  … compile cache off": () => once([BIN, "find", "user", "--json"], { NODE_DISABLE_COMPILE_CACHE: "1" }),
};
for (const run of Object.values(cases)) await run(); // warm the file system and the compile cache
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let i = 0; i < RUNS; i++) for (const [name, run] of Object.entries(cases)) samples[name].push(await run());
await emu.stop();
rmSync(cacheDir, { recursive: true, force: true });

const floor = median(samples["node -e \"\" (bare floor)"]);
console.log(`Node ${process.version}, ${RUNS} interleaved runs each (median):`);
for (const [name, values] of Object.entries(samples)) {
  console.log(`  ${name.padEnd(32)} ${median(values).toFixed(1).padStart(7)} ms  (${(median(values) / floor).toFixed(2)}× bare node)`);
}
if (process.argv.includes("--json")) console.log(JSON.stringify({ node: process.version, samples }));
