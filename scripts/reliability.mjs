#!/usr/bin/env node
/**
 * `pnpm test:reliability`: runs tests/reliability with vitest, each suite writing its figures to a JSON file in a
 * temporary directory (ACCSYN_RELIABILITY_REPORT), then prints one summary table. Exits non-zero when vitest fails
 * or a suite reported nothing.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const reportDir = mkdtempSync(join(tmpdir(), "accsyn-reliability-"));
const vitest = join(root, "node_modules", ".bin", "vitest");
const run = spawnSync(vitest, ["run", "tests/reliability", "--reporter=default", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, ACCSYN_RELIABILITY_REPORT: reportDir },
});

/** Figures of one suite, or undefined when it wrote none. */
function figures(suite) {
  const file = join(reportDir, `${suite}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
}

const faults = figures("faults");
const fuzz = figures("fuzz");
const matrix = figures("authorization");
const load = figures("load");
const handles = figures("handles");
const crash = figures("crash");
rmSync(reportDir, { recursive: true, force: true });

const missing = "(no figures)";
const rows = [
  ["faults tried / handled", faults ? `${faults.tried} / ${faults.handled}` : missing,
    faults ? `unhandled rejections ${faults.unhandledRejections}, open sockets ${faults.openSockets}` : ""],
  ["inputs fuzzed / crashes", fuzz ? `${fuzz.inputs} / ${fuzz.crashes}` : missing,
    fuzz ? `admin ${fuzz.inputsAdmin}, standard ${fuzz.inputsStandard}; 5xx ${fuzz.serverErrors}, hangs ${fuzz.hangs}, non-JSON ${fuzz.nonJson}, ` +
      `state changes on rejection ${fuzz.stateChanges} (${fuzz.rejected} rejected)` : ""],
  ["matrix cells checked / violations", matrix ? `${matrix.cells} / ${matrix.violations}` : missing, matrix ? `${matrix.rows} rows × 5 roles` : ""],
  ["load calls / failures", load ? `${load.calls} / ${load.failures}` : missing,
    load ? `${load.callsPerSecond} calls/s, ${load.peakInFlight} in flight, emulator RSS ${load.rssBeforeMB} → ${load.rssAfterMB} MB` : ""],
  ["leaked handles", handles && load ? `${handles.leakedHandles + load.leakedSockets}` : missing,
    handles ? `SDK child exits ${handles.exitAfterCloseMs} ms after close; ${load?.leakedSockets ?? "?"} sockets left after load` : ""],
  ["crash restarts / half-done jobs", crash ? `${crash.restarts} / ${crash.halfDoneJobs}` : missing,
    crash ? (crash.resumedToDone ? "resumed to done, identical copy" : "failed cleanly") : ""],
];

const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
const line = `+-${"-".repeat(w0)}-+-${"-".repeat(w1)}-+`;
process.stdout.write(`\nReliability summary\n${line}\n`);
for (const [name, value, detail] of rows) process.stdout.write(`| ${name.padEnd(w0)} | ${value.padStart(w1)} | ${detail}\n`);
process.stdout.write(`${line}\n`);

const incomplete = [faults, fuzz, matrix, load, handles, crash].some((f) => f === undefined);
if (incomplete) process.stderr.write("Some suites reported no figures (did they run?).\n");
process.exit(run.status !== 0 ? (run.status ?? 1) : incomplete ? 1 : 0);
