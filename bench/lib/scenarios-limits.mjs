// At the service's limits (issue 26): accsyn allows 30 requests/s sustained, bursts of 60 and 100
// connections per address (changelog v3.6-5). A fan-out of 300 calls, 32 in flight, against the
// emulator with those limits on (a fresh emulator per case, so each starts with a full bucket):
// with the SDK's own limiter (`maxRequestsPerSecond: 30`, with its default burst and with the
// service's burst of 60), and with defaults, relying on 429 + Retry-After. The limit's own floor is
// (300 − 60) / 30 = 8 s: the burst, then the sustained rate.
import { startEmulatorChild } from "./emulator-child.mjs";
import { addRow } from "./goals.mjs";
import { row, skippedRow } from "./report.mjs";

const CALLS = 300;
const IN_FLIGHT = 32;
const LIMIT = { requestsPerSecond: 30, burst: 60 };
/** The least time the limit allows for the fan-out, ms. */
const FLOOR_MS = ((CALLS - LIMIT.burst) / LIMIT.requestsPerSecond) * 1000;

/** The cases: label, session options, and whether it carries the goals. */
const CASES = [
  // the case; its burst defaults to the rate (30), so its own floor is (300 − 30) / 30 = 9 s = 1.125× the limit's
  { name: "limiter", label: "maxRequestsPerSecond 30", options: { maxRequestsPerSecond: 30 }, goals: "limit" },
  // the README's fan-out example: a burst a little under the service's leaves room for jitter
  { name: "limiter-50", label: "maxRequestsPerSecond 30 + maxBurst 50", options: { maxRequestsPerSecond: 30, maxBurst: 50 }, goals: "limit-50" },
  // the service's own burst: any request that arrives a little early is refused
  { name: "limiter-60", label: "maxRequestsPerSecond 30 + maxBurst 60", options: { maxRequestsPerSecond: 30, maxBurst: 60 } },
  { name: "retry", label: "defaults (429 + Retry-After)", options: {} },
];

async function limits(ctx) {
  if (!ctx.plan.limits) {
    addRow(ctx, skippedRow(`limits: fan-out ${CALLS} @${IN_FLIGHT}, rate limit on`, "quick run"), "limit-wall");
    return;
  }
  ctx.raw.limits = {};
  for (const c of CASES) {
    const samples = [];
    for (let rep = 0; rep < ctx.plan.limits.reps; rep++) {
      const emu = await startEmulatorChild({ rateLimit: true });
      try {
        const params = { port: emu.port, workspace: emu.workspace, username: emu.username, apiKey: emu.apiKey, calls: CALLS, inflight: IN_FLIGHT, options: c.options };
        const result = await ctx.runClient("fanout", emu.port, params);
        const statuses = await emu.statuses();
        const answered = Object.values(statuses).reduce((sum, n) => sum + n, 0);
        if (answered < CALLS) throw new Error(`bench sanity check failed: the emulator counted ${answered} answers (${JSON.stringify(statuses)}) for ${CALLS} calls`);
        samples.push({ ...result, statuses });
      } finally {
        await emu.stop();
      }
    }
    ctx.raw.limits[c.name] = samples;
    if (samples.some((s) => s.failures)) ctx.log(`limits ${c.name}: ${samples.map((s) => s.failures).join(", ")} failures: ${samples.flatMap((s) => s.errors).join(" | ")}`);
    const tag = `limits: ${CALLS} @${IN_FLIGHT}, ${c.label}`;
    addRow(ctx, row({ scenario: `${tag}, wall vs the limit's floor (8 s)`, unit: "ms", values: samples.map((s) => s.ms), floor: [FLOOR_MS], goal: c.goals ? 1.05 : undefined }), c.goals && `${c.goals}-wall`);
    const refused = { ...row({ scenario: `  ${tag}: answers 429`, unit: "count", values: samples.map((s) => s.statuses["429"] ?? 0) }), ratio: undefined };
    if (c.goals) Object.assign(refused, { goalText: "0", verdict: refused.max === 0 ? "PASS" : "MISS" });
    addRow(ctx, refused, c.goals && `${c.goals}-zero-429`);
    addRow(ctx, row({ scenario: `  ${tag}: client CPU`, unit: "cpu ms", values: samples.map((s) => s.cpuMs) }));
    addRow(ctx, row({ scenario: `  ${tag}: failed calls`, unit: "count", values: samples.map((s) => s.failures) }));
  }
}

/** The service-limits scenario by name. */
export const limitsScenarios = { limits };
