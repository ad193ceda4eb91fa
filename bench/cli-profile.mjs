#!/usr/bin/env node
// Where a CLI command's milliseconds go: `node bench/cli-profile.mjs [runs] [bin.js …]` runs
// `accsyn find user --json` (each bin; default packages/cli/dist/bin.js) `runs` times (default 5)
// with `node --cpu-prof` against an emulator in its own process, and prints the median wall time and
// the profile's time by where it was spent: each package of the program (bundled files are mapped
// back through their source maps), Node's module loader, other Node internals, GC, and idle (waiting
// on the network). `--json` prints the same as one JSON line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { SourceMap } from "node:module";
import os from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulatorChild } from "./lib/emulator-child.mjs";
import { stats } from "./lib/report.mjs";

const args = process.argv.slice(2).filter((a) => a !== "--json");
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const bins = args.filter((a) => !/^\d+$/.test(a)).map((a) => resolve(a));
if (!bins.length) bins.push(fileURLToPath(new URL("../packages/cli/dist/bin.js", import.meta.url)));

const maps = new Map();
/** The original source of a bundled position, through the file's source map (or the file itself). */
function originalSource(url, line, column) {
  if (!url.startsWith("file://")) return url;
  if (!maps.has(url)) {
    try {
      maps.set(url, new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, "utf8"))));
    } catch {
      maps.set(url, undefined);
    }
  }
  const source = maps.get(url)?.findEntry(line, column)?.originalSource;
  return source ? new URL(source, url).pathname : url;
}

/** A bucket for a function: a package name, or a kind of Node work. */
function bucket({ url, functionName, lineNumber, columnNumber }) {
  if (!url) return functionName === "(garbage collector)" ? "GC" : functionName === "(idle)" ? "idle (waiting on I/O)" : functionName === "(program)" ? "V8/native (parse, compile, …)" : "native";
  if (url.startsWith("node:internal/modules") || url.startsWith("node:internal/vm")) return "Node: module loading";
  if (url.startsWith("node:")) return `Node: ${url.replace(/^node:(internal\/)?/, "").split("/")[0]}`;
  const source = originalSource(url, lineNumber, columnNumber);
  const pkg = source.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//)?.[1];
  if (pkg) return pkg;
  const ours = source.match(/packages\/([^/]+)\//)?.[1];
  return ours ? `@accsyn/${ours}` : source;
}

/** Milliseconds of a .cpuprofile by bucket. */
function profileBuckets(file) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = {};
  profile.samples.forEach((id, i) => {
    const key = bucket(byId.get(id).callFrame);
    out[key] = (out[key] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  });
  return out;
}

const emu = await startEmulatorChild();
const env = {
  PATH: process.env.PATH, HOME: process.env.HOME,
  ACCSYN_WORKSPACE: emu.workspace, ACCSYN_API_USER: emu.username, ACCSYN_API_KEY: emu.apiKey,
  ACCSYN_HOSTNAME: "127.0.0.1", ACCSYN_PORT: String(emu.port), ACCSYN_PROTOCOL: "http",
};
const results = {};
try {
  for (const bin of bins) {
    const walls = [];
    const buckets = {};
    for (let i = 0; i <= runs; i++) {
      const dir = mkdtempSync(join(os.tmpdir(), "accsyn-prof-"));
      const started = performance.now();
      const run = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, bin, "find", "user", "--json"], { env, cwd: os.tmpdir(), encoding: "utf8" });
      const wall = performance.now() - started;
      if (run.status !== 0) throw new Error(`${bin} exited ${run.status}: ${run.stderr.trim().split("\n").slice(0, 3).join(" | ")}`);
      if (i > 0) {
        walls.push(wall);
        for (const [k, ms] of Object.entries(profileBuckets(join(dir, readdirSync(dir)[0])))) (buckets[k] ??= []).push(ms);
      }
      rmSync(dir, { recursive: true, force: true });
    }
    const medians = Object.entries(buckets).map(([k, xs]) => [k, stats(xs).median]).sort((a, b) => b[1] - a[1]);
    results[bin] = { wallMs: stats(walls).median, profiledMs: medians.reduce((s, [, ms]) => s + ms, 0), buckets: Object.fromEntries(medians) };
  }
} finally {
  await emu.stop();
}

if (process.argv.includes("--json")) console.log(JSON.stringify(results));
else
  for (const [bin, r] of Object.entries(results)) {
    console.log(`\n${bin}: median wall ${r.wallMs.toFixed(0)} ms (whole process, profiler on), profiled ${r.profiledMs.toFixed(0)} ms; median ms by where:`);
    for (const [k, ms] of Object.entries(r.buckets)) if (ms >= 0.5) console.log(`  ${ms.toFixed(1).padStart(7)}  ${k}`);
  }
