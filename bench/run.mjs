#!/usr/bin/env node
// `pnpm bench` (builds first) or `node bench/run.mjs [--quick]`: the SDK against its physical floor.
// Starts the fixed-answer server in a child process, runs every scenario in a fresh client process,
// prints one table and writes the results as JSON to a temporary folder. See bench/README.md.
import { fork, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { row, table } from "./lib/report.mjs";

const quick = process.argv.includes("--quick");
/** `--only=small,large` runs a subset (while profiling). */
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
const ROOT = join(BENCH_DIR, "..");
const CLI_BIN = join(ROOT, "packages/cli/dist/bin.cjs");
const LARGE_COUNT = 50_000;
const TASKS = 100_000;
const PLAN = quick
  ? { small: { calls: 500, reps: 3, warmup: 200 }, concurrent: { calls: 2_000, reps: 2, warmup: 300 }, large: 3, create: 3, memory: 1, startup: 3 }
  : { small: { calls: 2_000, reps: 9, warmup: 1_000 }, concurrent: { calls: 10_000, reps: 5, warmup: 2_000 }, large: 11, create: 7, memory: 3, startup: 10 };

function startServer() {
  return new Promise((resolve, reject) => {
    const child = fork(join(BENCH_DIR, "lib/server.mjs"), [String(LARGE_COUNT)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.once("message", (info) => resolve({ child, ...info }));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
}

/** Runs one scenario in a fresh client process and resolves with its result (notes which SDK it used). */
async function runClient(scenario, port, params) {
  const result = await runClientProcess(scenario, port, params);
  raw.via ??= result.via;
  return result;
}

function runClientProcess(scenario, port, params) {
  return new Promise((resolve, reject) => {
    const child = fork(join(BENCH_DIR, "lib/client.mjs"), [JSON.stringify({ scenario, port, params })], {
      cwd: BENCH_DIR,
      execArgv: ["--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let answer;
    child.on("message", (message) => (answer = message));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (answer?.ok) resolve(answer.result);
      else reject(new Error(answer?.error ?? `${scenario} client exited with ${code}`));
    });
  });
}

/** Wall-clock ms of each of `reps` runs of `node …args` from the bench folder; undefined + reason when it fails. */
function spawnTimes(args, reps) {
  const times = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: BENCH_DIR, encoding: "utf8" });
    const ms = performance.now() - start;
    if (result.status !== 0) return { error: (result.stderr || result.stdout || `exit ${result.status}`).trim().split("\n").slice(0, 3).join(" | ") };
    times.push(ms);
  }
  return { times };
}

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const began = performance.now();
const rows = [];
const raw = {};
const failures = [];
const server = await startServer();
log(`server on port ${server.port} (small answer ${server.smallBytes} B, large answer ${(server.largeBytes / 1e6).toFixed(1)} MB)${quick ? ", quick mode" : ""}`);

async function scenario(name, fn) {
  if (only && !only.includes(name)) return;
  const start = performance.now();
  try {
    await fn();
    log(`${name} done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  } catch (error) {
    failures.push(`${name}: ${error.message}`);
    log(`${name} FAILED: ${error.message}`);
  }
}

await scenario("small", async () => {
  const p = PLAN.small;
  const r = (raw.small = await runClient("small", server.port, { ...p, inflight: 1 }));
  const perCall = (ms) => (ms * 1000) / p.calls;
  const sdk = r.samples.sdk.map(perCall);
  rows.push(row({ scenario: `small: ${p.calls} sequential findOne`, unit: "µs/call", values: sdk, floor: r.samples.raw.map(perCall), goal: 1.5 }));
  rows.push(row({ scenario: "  small: got alone (same options)", unit: "µs/call", values: r.samples.got.map(perCall), floor: r.samples.raw.map(perCall) }));
  rows.push(row({ scenario: "  small: SDK vs got alone", unit: "µs/call", values: sdk, floor: r.samples.got.map(perCall) }));
  rows.push(row({ scenario: "  small: client CPU, SDK vs raw http", unit: "cpu µs", values: r.cpu.sdk.map(perCall), floor: r.cpu.raw.map(perCall) }));
  rows.push(row({ scenario: "  small: client CPU, SDK vs got alone", unit: "cpu µs", values: r.cpu.sdk.map(perCall), floor: r.cpu.got.map(perCall) }));
});

await scenario("concurrent", async () => {
  const p = PLAN.concurrent;
  const r = (raw.concurrent = await runClient("small", server.port, { ...p, inflight: 32 }));
  const perSecond = (ms) => p.calls / (ms / 1000);
  const sdk = r.samples.sdk.map(perSecond);
  rows.push(row({ scenario: `concurrent: ${p.calls} findOne, 32 in flight`, unit: "calls/s", values: sdk, floor: r.samples.raw.map(perSecond), higherIsBetter: true }));
  rows.push(row({ scenario: "  concurrent: got alone", unit: "calls/s", values: r.samples.got.map(perSecond), floor: r.samples.raw.map(perSecond), higherIsBetter: true }));
  const perCall = (ms) => (ms * 1000) / p.calls;
  rows.push(row({ scenario: "  concurrent: client CPU, SDK vs got alone", unit: "cpu µs", values: r.cpu.sdk.map(perCall), floor: r.cpu.got.map(perCall) }));
});

await scenario("large", async () => {
  const r = (raw.large = await runClient("large", server.port, { reps: PLAN.large, count: LARGE_COUNT }));
  const mb = (r.bytes / 1e6).toFixed(1);
  rows.push(row({ scenario: `large: find → ${LARGE_COUNT} transfers (${mb} MB) vs JSON.parse`, unit: "ms", values: r.samples.sdk, floor: r.samples.parse, goal: 2 }));
  rows.push(row({ scenario: "  large: vs raw http fetch + JSON.parse", unit: "ms", values: r.samples.sdk, floor: r.samples.raw }));
  rows.push(row({ scenario: "  large: client CPU vs JSON.parse", unit: "cpu ms", values: r.cpu.sdk, floor: r.cpu.parse }));
});

await scenario("create", async () => {
  const r = (raw.create = await runClient("create", server.port, { reps: PLAN.create, tasks: TASKS }));
  const label = `create: ${TASKS} tasks (${(r.jsonBytes / 1e6).toFixed(1)} MB → gz_data ${(r.gzBytes / 1e6).toFixed(2)} MB) vs stringify+gzip+b64`;
  rows.push(row({ scenario: label, unit: "ms", values: r.samples.sdk, floor: r.samples.floor, goal: 1.3 }));
  rows.push(row({ scenario: "  create: client CPU", unit: "cpu ms", values: r.cpu.sdk, floor: r.cpu.floor }));
});

await scenario("startup", async () => {
  const floor = spawnTimes(["-e", "0"], PLAN.startup);
  raw.startup = { floor };
  const cases = [
    ["startup: node -e require('@accsyn/api')", ["-e", "require('@accsyn/api')"]],
    ["startup: node import '@accsyn/api'", ["--input-type=module", "-e", "import '@accsyn/api'"]],
  ];
  if (existsSync(CLI_BIN)) cases.push(["startup: accsyn --version", [CLI_BIN, "--version"]]);
  else log(`startup: ${CLI_BIN} does not exist; accsyn --version skipped`);
  for (const [label, args] of cases) {
    const measured = spawnTimes(args, PLAN.startup);
    raw.startup[label] = measured;
    if (measured.error) {
      failures.push(`${label}: ${measured.error}`);
      continue;
    }
    rows.push(row({ scenario: `${label} (floor: node -e 0)`, unit: "ms", values: measured.times, floor: floor.times }));
  }
});

await scenario("memory", async () => {
  const sample = async (what) => {
    const values = [];
    for (let i = 0; i < PLAN.memory; i++) values.push((await runClient("memory", server.port, { what, count: LARGE_COUNT, tasks: TASKS })).maxRssMb);
    return values;
  };
  raw.memory = {};
  for (const kind of ["large", "create"]) {
    const sdk = (raw.memory[`${kind}-sdk`] = await sample(`${kind}-sdk`));
    const floor = (raw.memory[`${kind}-floor`] = await sample(`${kind}-floor`));
    const floorName = kind === "large" ? "raw fetch + JSON.parse" : "stringify+gzip+b64 + raw POST";
    rows.push(row({ scenario: `memory: peak RSS, ${kind} (floor: ${floorName})`, unit: "MB", values: sdk, floor }));
  }
});

server.child.removeAllListeners("exit");
server.child.disconnect();
const seconds = (performance.now() - began) / 1000;
const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
console.log(`\naccsyn SDK benchmark — ${raw.via ?? "?"} — node ${process.versions.node}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, load ${load}${quick ? " — QUICK" : ""}`);
console.log(table(rows));
console.log(`ratio = SDK median / floor median (for calls/s: floor / SDK), so 1.00× is the floor. ${seconds.toFixed(1)} s in all.`);
const dir = mkdtempSync(join(os.tmpdir(), "accsyn-bench-"));
const file = join(dir, "latest.json");
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), quick, node: process.versions.node, cpus: os.cpus().length, load: os.loadavg(), seconds, rows, raw, failures }, null, 2)}\n`);
console.log(`results: ${file}`);
if (failures.length) {
  console.error(`\n${failures.length} scenario(s) failed:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
  process.exitCode = 1;
}
