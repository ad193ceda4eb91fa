#!/usr/bin/env node
// Benchmark (not a test): recursive `ls` of a 10,000-file tree in @accsyn/emulator.
// Run after building the emulator: `pnpm --filter @accsyn/emulator build && node bench/emulator-ls.mjs [runs] [--json]` (--json: a last line with every time, for run.mjs).
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../packages/emulator/dist/index.js";

const RUNS = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 20);
const emu = await startEmulator({ port: 0 });
const admin = emu.users.find((u) => u.role === "admin");
const headers = {
  Authorization: `basic ${Buffer.from(admin.username).toString("base64")}:${Buffer.from(admin.apiKey).toString("base64")}`,
  "X-Accsyn-Workspace": emu.workspace,
};
const login = await (await fetch(`${emu.url}/api/v3/api/login`, { method: "PUT", headers, body: "{}" })).json();
const call = async (uri, data) => {
  const event = {
    audience: "api", workspace: emu.workspace, eid: randomUUID(), session: login.result.session_id, uri,
    ident: admin.username, created: new Date().toISOString().slice(0, 19), hostname: "bench", data,
  };
  return (await fetch(`${emu.url}/api/v3/event?${encodeURIComponent(JSON.stringify(event))}`, { headers })).json();
};
const volume = (await call("volume/find", {})).result.find((v) => v.default);
// 10 top directories × 10 sub-directories × 100 files = 10,000 files
for (let a = 0; a < 10; a++) {
  for (let b = 0; b < 10; b++) {
    const dir = join(volume.path, "tree", `dir${a}`, `sub${b}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 100; f++) writeFileSync(join(dir, `file${f}.exr`), "x");
  }
}
const times = [];
/** CPU ms of this process (emulator + client) per run: steadier than wall time on a busy machine. */
const cpu = [];
let count = 0;
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const body = await call("workspace/file", { op: "ls", path: "share=projects/tree", download: true, recursive: true, getsize: false });
  times.push(performance.now() - start);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
  // The answer is the entries themselves; a recursive listing nests children in `files`.
  count = body.result.flatMap((d) => d.files).flatMap((s) => s.files).length;
}
await emu.stop();
times.sort((a, b) => a - b);
console.log(`recursive ls of ${count} files`);
console.log(`runs ${RUNS}: min ${times[0].toFixed(1)} ms, median ${times[Math.floor(times.length / 2)].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
if (process.argv.includes("--json")) console.log(JSON.stringify({ cpu, runs: RUNS, files: count, times }));
