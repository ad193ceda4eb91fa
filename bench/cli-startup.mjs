#!/usr/bin/env node
// Benchmark (not a test): start-up time of the built `accsyn --version`, in fresh processes.
// Run after building the CLI: `node bench/cli-startup.mjs [runs]` (default 20). Target: median < 150 ms.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../packages/cli/dist/bin.cjs", import.meta.url));
const RUNS = Number(process.argv[2] ?? 20);
const TARGET_MS = 150;

if (!existsSync(BIN)) {
  console.error(`${BIN} is missing: build first (pnpm turbo run build --filter @accsyn/cli...).`);
  process.exit(1);
}

function once(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted.at(-1) };
}

once([BIN, "--version"]); // warm the file system cache
// Interleaved with a bare `node -e ""` so that load on a shared machine hits both alike.
const cliSamples = [];
const nodeSamples = [];
for (let i = 0; i < RUNS; i++) {
  cliSamples.push(once([BIN, "--version"]));
  nodeSamples.push(once(["-e", ""]));
}
const cli = stats(cliSamples);
const node = stats(nodeSamples);
const overhead = stats(cliSamples.map((ms, i) => ms - nodeSamples[i]));
const fmt = (n) => `${n.toFixed(1)} ms`;
console.log(`accsyn --version, ${RUNS} runs: min ${fmt(cli.min)}  median ${fmt(cli.median)}  max ${fmt(cli.max)}`);
console.log(`node -e "" (floor):   min ${fmt(node.min)}  median ${fmt(node.median)}  max ${fmt(node.max)}`);
console.log(`accsyn over the floor: median ${fmt(overhead.median)}`);
console.log(cli.median < TARGET_MS ? `OK: median under ${TARGET_MS} ms` : `SLOW: median over ${TARGET_MS} ms (is the machine busy? compare with the floor)`);
process.exitCode = cli.median < TARGET_MS ? 0 : 1;
