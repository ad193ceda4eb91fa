// The emulator at scale (what users develop against must not be the slow part): a 3-clause find
// over 100,000 transfers, a recursive ls of 10,000 files, 20,000 SDK calls with 64 in flight. Each
// runs its bench/emulator-*.mjs script in a fresh process and reads its `--json` line.
import { join } from "node:path";
import { addRow } from "./goals.mjs";
import { row, skippedRow, stats } from "./report.mjs";
import { spawnJson } from "./spawn-json.mjs";

/** Runs `node bench/<script> <arg> --json` and resolves with its last line, parsed. */
function runScript(ctx, script, arg) {
  return spawnJson(process.execPath, [join(ctx.benchDir, script), String(arg), "--json"], { cwd: ctx.benchDir });
}

async function emulator(ctx) {
  const plan = ctx.plan.emulator;
  if (!plan) {
    for (const key of ["emulator-find", "emulator-ls", "emulator-load"]) addRow(ctx, skippedRow(`emulator: ${key.slice(9)}`, "quick run"), key);
    return;
  }
  const query = (ctx.raw.emulatorFind = await runScript(ctx, "emulator-query.mjs", plan.queryRuns));
  addRow(ctx, row({ scenario: `emulator: 3-clause find over 100,000 transfers (${query.hits} hits) vs 50 ms`, unit: "ms", values: query.times, floor: [50], goal: 1 }), "emulator-find");
  addRow(ctx, row({ scenario: "  emulator: find, CPU (emulator + client, one process)", unit: "cpu ms", values: query.cpu }));
  const ls = (ctx.raw.emulatorLs = await runScript(ctx, "emulator-ls.mjs", plan.lsRuns));
  addRow(ctx, row({ scenario: `emulator: recursive ls of ${ls.files} files vs 150 ms`, unit: "ms", values: ls.times, floor: [150], goal: 1 }), "emulator-ls");
  addRow(ctx, row({ scenario: "  emulator: ls, CPU (emulator + client, one process)", unit: "cpu ms", values: ls.cpu }));
  const load = await runScript(ctx, "emulator-load.mjs", plan.loadCalls);
  ctx.raw.emulatorLoad = { ...load, times: stats(load.times) };
  addRow(ctx, row({ scenario: `emulator: ${load.calls} SDK calls, ${load.inflight} in flight, per call`, unit: "ms", values: load.times }));
  addRow(ctx, row({ scenario: `  emulator: ${load.calls} calls @${load.inflight}, throughput`, unit: "calls/s", values: [load.calls / load.seconds] }));
  const failed = { ...row({ scenario: `  emulator: ${load.calls} calls @${load.inflight}, failures`, unit: "count", values: [load.failures] }), goalText: "0", ratio: undefined };
  failed.verdict = load.failures === 0 ? "PASS" : "MISS";
  addRow(ctx, failed, "emulator-load");
}

/** The emulator scenario by name. */
export const emulatorScenarios = { emulator };
