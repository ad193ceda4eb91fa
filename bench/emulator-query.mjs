#!/usr/bin/env node
// Benchmark (not a test): `find` with a three-clause query over 100,000 transfers in @accsyn/emulator.
// Run after building the emulator: `pnpm --filter @accsyn/emulator build && node bench/emulator-query.mjs [runs] [--json]` (--json: a last line with every time, for run.mjs).
import { randomUUID } from "node:crypto";
import { startEmulator, DEMO_SEED } from "../packages/emulator/dist/index.js";

const COUNT = 100_000;
const RUNS = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 30);
const STATUSES = ["init", "waiting", "running", "paused", "failed"];
const USERS = DEMO_SEED.users.map((u) => u.code);

const jobs = [];
for (let i = 0; i < COUNT; i++) {
  jobs.push({
    code: `job-${i}`, status: STATUSES[i % STATUSES.length], priority: (i * 7919) % 1000,
    user: USERS[i % USERS.length], tasks: [],
  });
}
const t0 = performance.now();
// The job runner is off: the seeded jobs have no tasks and would otherwise complete and leave the default scope.
const emu = await startEmulator({ port: 0, seed: { ...DEMO_SEED, jobs }, jobs: { run: false } });
console.log(`seeded ${COUNT} transfers in ${(performance.now() - t0).toFixed(0)} ms`);

const admin = emu.users.find((u) => u.role === "admin");
const headers = {
  Authorization: `basic ${Buffer.from(admin.username).toString("base64")}:${Buffer.from(admin.apiKey).toString("base64")}`,
  "X-Accsyn-Workspace": emu.workspace,
};
const login = await (await fetch(`${emu.url}/api/v3/api/login`, { method: "PUT", headers, body: "{}" })).json();
const query = "status=running and priority>=900 and user=employee@acme.test";
const times = [];
/** CPU ms of this process (emulator + client) per run: steadier than wall time on a busy machine. */
const cpu = [];
let hits = 0;
for (let i = 0; i < RUNS; i++) {
  const event = {
    audience: "api", workspace: emu.workspace, eid: randomUUID(), session: login.result.session_id, uri: "transfer/find",
    ident: admin.username, created: new Date().toISOString().slice(0, 19), hostname: "bench", data: {}, query,
  };
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const res = await fetch(`${emu.url}/api/v3/event?${encodeURIComponent(JSON.stringify(event))}`, { headers });
  const body = await res.json();
  times.push(performance.now() - start);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
  hits = body.result.length;
}
await emu.stop();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`query: ${query} -> ${hits} transfers`);
console.log(`runs ${RUNS}: min ${times[0].toFixed(1)} ms, median ${median.toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
if (process.argv.includes("--json")) console.log(JSON.stringify({ cpu, runs: RUNS, hits, times }));
