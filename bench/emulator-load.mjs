#!/usr/bin/env node
// Benchmark (not a test): 20,000 SDK calls with 64 in flight against @accsyn/emulator (in this
// process), mixed as the load test mixes them: create, update, find (checks the update), ls.
// Counts failures (errors and wrong answers) and prints per-call latency min / median / max.
// Run after building: `node bench/emulator-load.mjs [calls] [--json]` (default 20000).
import { Session } from "@accsyn/api";
import { startEmulator } from "../packages/emulator/dist/index.js";

const CALLS = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 20_000);
const IN_FLIGHT = 64;
const UNITS = Math.ceil(CALLS / 4);

const emu = await startEmulator({ port: 0, jobs: { run: false } });
const admin = emu.users.find((u) => u.role === "admin");
const url = new URL(emu.url);
const session = new Session({
  workspace: emu.workspace, username: admin.username, apiKey: admin.apiKey,
  hostname: url.hostname, port: Number(url.port), protocol: "http", env: {}, timeoutMs: 60_000,
});
await session.mkdir("share=projects/load");
await session.mkdir("share=projects/load/inside");

const times = [];
const failures = [];
let calls = 0;
/** One timed call; its time is kept whether it succeeds or not. */
async function call(run) {
  const start = performance.now();
  try {
    return await run();
  } finally {
    times.push(performance.now() - start);
    calls++;
  }
}
async function unit(i) {
  const code = `load-${i}`;
  try {
    const created = await call(() => session.create("queue", { code, name: `Load ${i}`, priority: i % 1000 }));
    if (created.code !== code) throw new Error(`create answered ${JSON.stringify(created)}`);
    const updated = await call(() => session.update("queue", created.id, { priority: (i * 7) % 1000 }));
    if (updated.priority !== (i * 7) % 1000) throw new Error(`update answered ${JSON.stringify(updated)}`);
    const found = await call(() => session.find(`queue WHERE code=${code}`));
    if (found.length !== 1 || found[0].priority !== (i * 7) % 1000) throw new Error(`find answered ${JSON.stringify(found)}`);
    const listing = await call(() => session.ls("share=projects/load"));
    if (listing.map((e) => e.filename).join() !== "inside") throw new Error(`ls answered ${JSON.stringify(listing)}`);
  } catch (error) {
    failures.push(`${code}: ${error.message}`);
  }
}
const started = performance.now();
let next = 0;
await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
  while (next < UNITS) await unit(next++);
}));
const seconds = (performance.now() - started) / 1000;
session.close();
await emu.stop();
const sorted = [...times].sort((a, b) => a - b);
console.log(`${calls} calls, ${IN_FLIGHT} in flight: ${failures.length} failures, ${Math.round(calls / seconds)} calls/s`);
console.log(`per call: min ${sorted[0].toFixed(1)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms`);
for (const failure of failures.slice(0, 5)) console.log(`  failure: ${failure}`);
if (process.argv.includes("--json")) console.log(JSON.stringify({ calls, inflight: IN_FLIGHT, seconds, failures: failures.length, firstFailures: failures.slice(0, 5), times }));
