#!/usr/bin/env node
// `pnpm bench` (builds first) or `node bench/run.mjs [--quick] [--rtt=20] [--only=small,wan]`: the SDK
// against its physical floor and against the reference Python client (ACCSYN_PY_SRC), on loopback
// and through a delaying relay ("wan"), plus the emulator at scale. Prints the table and the goals
// of issues 18 and 26 with PASS / MISS, and writes every sample as JSON to a temporary folder. See README.md.
import { fork } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { throwawayCertificate } from "./lib/certificate.mjs";
import { GOALS } from "./lib/goals.mjs";
import { referenceAvailability } from "./lib/reference.mjs";
import { goalsTable, table } from "./lib/report.mjs";
import { cliScenarios } from "./lib/scenarios-cli.mjs";
import { dashboardScenarios } from "./lib/scenarios-dashboard.mjs";
import { emulatorScenarios } from "./lib/scenarios-emulator.mjs";
import { limitsScenarios } from "./lib/scenarios-limits.mjs";
import { loopbackScenarios } from "./lib/scenarios-loopback.mjs";
import { wanScenarios } from "./lib/scenarios-wan.mjs";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const flag = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
/** `--only=small,wan` runs a subset (while profiling). */
const only = flag("only")?.split(",");
/** `--rtt=40`: the round trip of the wan relay in ms (default 20). */
const rtt = Number(flag("rtt") ?? 20);
if (!(rtt >= 0)) throw new Error(`--rtt must be a number of milliseconds; got ${flag("rtt")}`);
const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
const LARGE_COUNT = 50_000;
const PLAN = quick
  ? {
      small: { calls: 500, reps: 3, warmup: 200 }, concurrent: { calls: 1_000, reps: 2, warmup: 200 }, large: 3, create: 3, memory: 1, startup: 5, cli: 3,
      wan: { sequential: { calls: 15, reps: 2 }, concurrent: { calls: 64, inflight: 32, reps: 2 }, large: undefined },
    }
  : {
      small: { calls: 2_000, reps: 9, warmup: 1_000 }, concurrent: { calls: 10_000, reps: 5, warmup: 2_000 }, large: 11, create: 7, memory: 3, startup: 15, cli: 10,
      wan: { sequential: { calls: 50, reps: 5 }, concurrent: { calls: 320, inflight: 32, reps: 5 }, large: { reps: 3, count: LARGE_COUNT } },
      reference: { small: 200, concurrent: { calls: 400, threads: 8, reps: 3 }, large: 1, create: 3, wanSequential: 30, wanConcurrent: { calls: 96, threads: 8, reps: 2 }, wanLarge: 1 },
      iterate: { pageSizes: [LARGE_COUNT, 1_000] },
      emulator: { queryRuns: 30, lsRuns: 20, loadCalls: 20_000, inflight: 64 },
      limits: { reps: 2 },
      dashboard: { reps: 4 },
    };

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const began = performance.now();
const dir = mkdtempSync(join(os.tmpdir(), "accsyn-bench-"));
const certificate = await throwawayCertificate(dir);

function startServer() {
  return new Promise((resolve, reject) => {
    const child = fork(join(BENCH_DIR, "lib/server.mjs"), [String(LARGE_COUNT), certificate.file], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.once("message", (info) => resolve({ child, ...info }));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
}

const raw = {};
/** Runs one scenario in a fresh client process (`--expose-gc`) and resolves with its result. */
function runClient(scenario, port, params) {
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
      if (answer?.ok) {
        raw.via ??= answer.result.via;
        resolve(answer.result);
      } else reject(new Error(answer?.error ?? `${scenario} client exited with ${code}`));
    });
  });
}

const server = await startServer();
const reference = referenceAvailability(quick);
log(`server on port ${server.port} (https ${server.tlsPort}; large answer ${(server.largeBytes / 1e6).toFixed(1)} MB)${quick ? ", quick mode" : ""}; reference: ${reference.ok ? process.env.ACCSYN_PY_SRC : `skipped (${reference.reason})`}`);
const ctx = { quick, plan: PLAN, server, certificate, rtt, reference, rows: [], named: {}, raw, runClient, log, benchDir: BENCH_DIR };
const failures = [];
const scenarios = { ...loopbackScenarios, ...cliScenarios, ...wanScenarios, ...emulatorScenarios, ...limitsScenarios, ...dashboardScenarios };
for (const [name, run] of Object.entries(scenarios)) {
  if (only && !only.includes(name)) continue;
  const start = performance.now();
  try {
    await run(ctx);
    log(`${name} done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  } catch (error) {
    failures.push(`${name}: ${error.message}`);
    log(`${name} FAILED: ${error.message}`);
  }
}

server.child.removeAllListeners("exit");
server.child.disconnect();
rmSync(certificate.file, { force: true });
const seconds = (performance.now() - began) / 1000;
const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
const goals = GOALS.map((g) => ({ ...g, row: ctx.named[g.key] }));
console.log(`\naccsyn SDK benchmark — ${raw.via ?? "?"} — node ${process.versions.node}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, load ${load}, wan RTT ${rtt} ms${quick ? " — QUICK" : ""}`);
console.log(table(ctx.rows));
console.log("ratio vs a floor = SDK ÷ floor (1.00× is the floor; for calls/s floor ÷ SDK); vs the reference = how many times faster / less.");
console.log(`\nGoals (issues 18 and 26), from this run:\n${goalsTable(goals)}`);
console.log(`${seconds.toFixed(1)} s in all.`);
const file = join(dir, "latest.json");
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), quick, rtt, node: process.versions.node, cpus: os.cpus().length, load: os.loadavg(), seconds, rows: ctx.rows, goals, raw, failures }, null, 2)}\n`);
console.log(`results: ${file}`);
if (failures.length) {
  console.error(`\n${failures.length} scenario(s) failed:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
  process.exitCode = 1;
}
