#!/usr/bin/env node
// Benchmark (not a test): start-up time of the built `accsyn --version`, in fresh processes.
// Run after building the CLI: `node bench/cli-startup.mjs [runs]` (default 20). Goal (issue 18): median ≤ 1.3× bare node.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../packages/cli/dist/bin.js", import.meta.url)); // the published bin
const RUNS = Number(process.argv[2] ?? 20);
const GOAL = 1.3;

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
const ratio = cli.median / node.median;
console.log(`accsyn over the floor: median ${fmt(overhead.median)}, ratio ${ratio.toFixed(2)}×`);
console.log(ratio <= GOAL ? `OK: ≤ ${GOAL}× bare node` : `SLOW: over ${GOAL}× bare node (is the machine busy?)`);
process.exitCode = ratio <= GOAL ? 0 : 1;
