// Whole-process scenarios: start-up time, peak RSS of one large find / create (and the reference's),
// and peak RSS of walking 1,000,000 transfers with iterate().
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { addRow } from "./goals.mjs";
import { row, skippedRow } from "./report.mjs";

/** Runs `node …args` in `cwd`; `{ error }` (first lines of its output) when it fails. */
function runNode(cwd, args) {
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8" });
  if (result.status !== 0) return { error: (result.stderr || result.stdout || `exit ${result.status}`).trim().split("\n").slice(0, 3).join(" | ") };
  return {};
}

async function startup(ctx) {
  const cli = join(ctx.benchDir, "../packages/cli/dist/bin.js");
  const cases = [
    ["startup: node -e require('@accsyn/api')", ["-e", "require('@accsyn/api')"]],
    ["startup: node import '@accsyn/api'", ["--input-type=module", "-e", "import '@accsyn/api'"]],
  ];
  if (existsSync(cli)) cases.push(["startup: accsyn --version (dist/bin.js)", [cli, "--version"], "startup-version"]);
  else addRow(ctx, skippedRow("startup: accsyn --version", `${cli} not built`), "startup-version");
  const floor = [];
  const times = cases.map(() => []);
  const errors = new Set();
  // Interleaved, one of each per round, so that load on a shared machine hits all alike.
  for (let i = 0; i <= ctx.plan.startup; i++) {
    const round = [["-e", "0"], ...cases.map((c) => c[1])].map((args) => {
      const start = performance.now();
      const { error } = runNode(ctx.benchDir, args);
      if (error) errors.add(`node ${args.join(" ")}: ${error}`);
      return performance.now() - start;
    });
    if (i === 0) continue; // warms the file system cache
    floor.push(round[0]);
    round.slice(1).forEach((ms, k) => times[k].push(ms));
  }
  if (errors.size) throw new Error([...errors].join("; "));
  ctx.raw.startup = { floor, times };
  cases.forEach(([label, , key], k) => addRow(ctx, row({ scenario: `${label} vs node -e 0`, unit: "ms", values: times[k], floor, goal: key ? 1.3 : undefined }), key));
}

async function memory(ctx) {
  const sample = async (what) => {
    const values = [];
    for (let i = 0; i < ctx.plan.memory; i++) values.push((await ctx.runClient("memory", ctx.server.port, { what, count: ctx.server.largeCount, tasks: 100_000 })).maxRssMb);
    return values;
  };
  ctx.raw.memory = {};
  for (const kind of ["large", "create"]) {
    const sdk = (ctx.raw.memory[`${kind}-sdk`] = await sample(`${kind}-sdk`));
    const floor = (ctx.raw.memory[`${kind}-floor`] = await sample(`${kind}-floor`));
    const floorName = kind === "large" ? "raw fetch + JSON.parse" : "stringify+gzip+b64 + raw POST";
    addRow(ctx, row({ scenario: `memory: peak RSS, ${kind} vs ${floorName}`, unit: "MB", values: sdk, floor }));
    const reference = ctx.raw[kind === "large" ? "referenceLarge" : "referenceCreate"];
    if (kind === "large") {
      const label = "  memory: peak RSS, large vs reference (× less)";
      if (reference) addRow(ctx, row({ scenario: label, unit: "MB", values: sdk, floor: reference.map((x) => x.maxRssMb), goal: 2, speedup: true }), "large-rss-ref");
      else addRow(ctx, skippedRow(label, ctx.reference.ok ? "the reference large run failed or was not run" : ctx.reference.reason), "large-rss-ref");
    } else if (reference) {
      addRow(ctx, row({ scenario: "  memory: peak RSS, create vs reference (× less)", unit: "MB", values: sdk, floor: reference.map((x) => x.maxRssMb), speedup: true }));
    }
  }
}

async function iterate(ctx) {
  const label = "iterate: walk 1,000,000 transfers, peak RSS vs one 50k find";
  if (!ctx.plan.iterate) return addRow(ctx, skippedRow(label, "quick run"), "iterate-rss");
  const findRss = ctx.raw.memory?.["large-sdk"];
  if (!findRss) return addRow(ctx, skippedRow(label, "needs the memory scenario (its 50k find)"), "iterate-rss");
  const [pageSize, ...others] = ctx.plan.iterate.pageSizes;
  // three walks each (GC timing makes one peak noisy); fresh processes, interleaved
  const walks = [];
  const shorts = [];
  for (let i = 0; i < 3; i++) {
    walks.push(await ctx.runClient("iterateMemory", ctx.server.port, { port: ctx.server.port, pageSize }));
    shorts.push(await ctx.runClient("iterateMemory", ctx.server.port, { port: ctx.server.port, pageSize, stopAfter: 3 * pageSize }));
  }
  ctx.raw.iterate = { walks, shorts };
  const peaks = walks.map((w) => w.maxRssMb);
  addRow(ctx, row({ scenario: `iterate: 1,000,000 transfers (pages of ${pageSize}), peak RSS vs one ${ctx.server.largeCount} find`, unit: "MB", values: peaks, floor: findRss, goal: 1.3 }), "iterate-rss");
  addRow(ctx, row({ scenario: "  iterate: time to walk 1,000,000 transfers", unit: "ms", values: walks.map((w) => w.ms) }));
  // flat memory means a peak that does not grow with the walk: 1,000,000 against the first 3 pages
  addRow(ctx, row({ scenario: `  iterate: peak RSS of the 1,000,000 walk vs a walk of ${(3 * pageSize).toLocaleString("en")} (3 pages)`, unit: "MB", values: peaks, floor: shorts.map((w) => w.maxRssMb), goal: 1.15 }), "iterate-flat");
  for (const size of others) {
    const x = (ctx.raw[`iterate-${size}`] = await ctx.runClient("iterateMemory", ctx.server.port, { port: ctx.server.port, pageSize: size }));
    addRow(ctx, row({ scenario: `  iterate: pages of ${size}, peak RSS vs one ${ctx.server.largeCount} find`, unit: "MB", values: [x.maxRssMb], floor: findRss }));
    addRow(ctx, row({ scenario: `  iterate: pages of ${size}, time to walk 1,000,000 transfers`, unit: "ms", values: [x.ms] }));
  }
}

/** Whole-process scenarios by name, in run order. */
export const processScenarios = { startup, memory, iterate };
