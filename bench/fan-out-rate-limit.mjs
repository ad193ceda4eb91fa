#!/usr/bin/env node
// Benchmark (not a test; outside `pnpm test`): the core README's fan-out example —
//   new Session({ maxRequestsPerSecond, maxBurst, maxSockets }) + Promise.all(ids.map(getEntity))
// — against @accsyn/emulator with its rate limit on, scaled so that the wait in the session's own
// queue far exceeds the call budget (default: 10,000 calls, emulator and client at 100/s, a 30 s
// budget: the last call waits ~100 s for its turn). Prints wall time, the 429 answers the emulator
// gave, the errors by kind and the longest queue wait, and exits 1 when any call failed.
//
// Run after building: `node bench/fan-out-rate-limit.mjs [calls] [--rps=100] [--emulator-rps=100]
//   [--emulator-burst=200] [--burst=100] [--sockets=50] [--budget-ms=30000] [--json]`
import { Session } from "@accsyn/api";
import { DEMO_SEED, startEmulator } from "../packages/emulator/dist/index.js";

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : Number(hit.slice(name.length + 3));
};
const CALLS = Number(args.find((a) => !a.startsWith("--")) ?? 10_000);
const RPS = flag("rps", 100);
const BURST = flag("burst", 100);
const SOCKETS = flag("sockets", 50);
const EMULATOR = { requestsPerSecond: flag("emulator-rps", 100), burst: flag("emulator-burst", 200), maxConnections: 100 };
const BUDGET_MS = flag("budget-ms", 30_000);
const CONNECT_MS = Math.min(10_000, Math.floor(BUDGET_MS / 3));

// 100 jobs to read, as the README's example reads jobs
const seed = { ...DEMO_SEED, jobs: Array.from({ length: 100 }, (_, i) => ({ code: `fan-out-${i}` })) };
let refused = 0;
const emu = await startEmulator({ port: 0, seed, rateLimit: EMULATOR, jobs: { run: false }, log: (line) => void (line.includes(" 429 ") && refused++) });
const admin = emu.users.find((u) => u.role === "admin");
const url = new URL(emu.url);
const session = new Session({
  workspace: emu.workspace, username: admin.username, apiKey: admin.apiKey, hostname: url.hostname, port: Number(url.port), protocol: "http", env: {},
  // the README's example, at this run's figures
  maxRequestsPerSecond: RPS, maxBurst: BURST, maxSockets: SOCKETS,
  timeoutMs: BUDGET_MS - CONNECT_MS, connectTimeoutMs: CONNECT_MS,
});
const jobIds = (await session.find("job")).map((job) => job.id);
const ids = Array.from({ length: CALLS }, (_, i) => jobIds[i % jobIds.length]);
const refusedBefore = refused;

const started = performance.now();
let slowest = 0;
const results = await Promise.allSettled(
  ids.map(async (id) => {
    const job = await session.getEntity("job", id);
    slowest = Math.max(slowest, performance.now() - started);
    if (job?.id !== id) throw new Error(`getEntity answered ${JSON.stringify(job)?.slice(0, 200)}`);
    return job;
  }),
);
const wallMs = performance.now() - started;
session.close();
await emu.stop();

const errors = results.filter((r) => r.status === "rejected").map((r) => r.reason);
const byKind = {};
for (const error of errors) {
  const kind = `${error?.name ?? "Error"} ${error?.networkCode ?? error?.status ?? ""}`.trim();
  byKind[kind] = (byKind[kind] ?? 0) + 1;
}
const report = {
  calls: CALLS,
  client: { maxRequestsPerSecond: RPS, maxBurst: BURST, maxSockets: SOCKETS, budgetMs: BUDGET_MS },
  emulator: EMULATOR,
  wallSeconds: Math.round(wallMs / 100) / 10,
  callsPerSecond: Math.round((CALLS / wallMs) * 1000 * 10) / 10,
  answers429: refused - refusedBefore,
  errors: errors.length,
  errorsByKind: byKind,
  firstError: errors[0] ? String(errors[0].message).slice(0, 300) : undefined,
  firstCauses: [...new Set(errors.map((error) => JSON.stringify(error?.cause ?? null)))].slice(0, 5),
  queueWaitOverBudget: Math.round((slowest / BUDGET_MS) * 10) / 10,
};
if (args.includes("--json")) console.log(JSON.stringify(report));
else {
  console.log(`${CALLS} getEntity calls, client ${RPS}/s (burst ${BURST}, ${SOCKETS} sockets), emulator ${EMULATOR.requestsPerSecond}/s (burst ${EMULATOR.burst}), budget ${BUDGET_MS / 1000} s`);
  console.log(`wall time ${report.wallSeconds} s (${report.callsPerSecond} calls/s; the last call finished ${report.queueWaitOverBudget}× the budget after the fan-out started)`);
  console.log(`429 answers: ${report.answers429}; errors: ${report.errors}${report.errors ? ` ${JSON.stringify(byKind)}\nfirst: ${report.firstError}\ncauses: ${report.firstCauses.join("\n  ")}` : ""}`);
}
process.exitCode = errors.length === 0 ? 0 : 1;
