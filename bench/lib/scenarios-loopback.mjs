// Loopback scenarios (small, concurrent, large, create): the SDK against its floors and, with
// ACCSYN_PY_SRC, against the reference Python client on the same server.
import { addRow } from "./goals.mjs";
import { LARGE_QUERY } from "./fixtures.mjs";
import { repeatReference, runReference } from "./reference.mjs";
import { row, skippedRow } from "./report.mjs";
import { processScenarios } from "./scenarios-process.mjs";

/**
 * Runs `measure` (resolving with a row) when the reference is available; otherwise adds a row
 * saying why it is skipped. Failures of the reference are rows too, so the SDK figures survive.
 */
export async function referenceRow(ctx, label, key, measure) {
  if (!ctx.reference.ok) return addRow(ctx, skippedRow(label, ctx.reference.reason), key);
  try {
    return addRow(ctx, await measure(), key);
  } catch (error) {
    ctx.log(`${label}: ${error.message}`);
    return addRow(ctx, skippedRow(label, `reference failed: ${error.message.slice(0, 80)}`), key);
  }
}

const loopback = (ctx) => ({ host: "127.0.0.1", port: ctx.server.port, tls: false });

async function small(ctx) {
  const p = ctx.plan.small;
  const r = (ctx.raw.small = await ctx.runClient("small", ctx.server.port, { ...p, inflight: 1 }));
  const perCall = (ms) => (ms * 1000) / p.calls;
  const sdk = r.samples.sdk.map(perCall);
  addRow(ctx, row({ scenario: `small: ${p.calls} sequential findOne vs raw http`, unit: "µs/call", values: sdk, floor: r.samples.raw.map(perCall) }));
  addRow(ctx, row({ scenario: "  small: got alone (same options) vs raw http", unit: "µs/call", values: r.samples.got.map(perCall), floor: r.samples.raw.map(perCall) }));
  addRow(ctx, row({ scenario: "  small: SDK vs got alone", unit: "µs/call", values: sdk, floor: r.samples.got.map(perCall), goal: 1.05 }), "got-alone");
  addRow(ctx, row({ scenario: "  small: SDK with a call-event listener vs got alone", unit: "µs/call", values: r.samples.listened.map(perCall), floor: r.samples.got.map(perCall), goal: 1.05 }), "got-alone-listened");
  addRow(ctx, row({ scenario: "  small: SDK with a listener vs without", unit: "µs/call", values: r.samples.listened.map(perCall), floor: sdk }));
  addRow(ctx, row({ scenario: "  small: client CPU, SDK vs raw http", unit: "cpu µs", values: r.cpu.sdk.map(perCall), floor: r.cpu.raw.map(perCall) }));
  addRow(ctx, row({ scenario: "  small: client CPU, SDK vs got alone", unit: "cpu µs", values: r.cpu.sdk.map(perCall), floor: r.cpu.got.map(perCall) }));
  await referenceRow(ctx, "  small: vs reference (× faster)", undefined, async () => {
    const ref = (ctx.raw.referenceSmall = await runReference({ ...loopback(ctx), scenario: "small", calls: ctx.plan.reference.small }));
    return row({ scenario: `  small: vs reference, ${ref.times.length} calls (× faster)`, unit: "µs/call", values: sdk, floor: ref.times.map((ms) => ms * 1000), speedup: true });
  });
}

async function concurrent(ctx) {
  const p = ctx.plan.concurrent;
  const r = (ctx.raw.concurrent = await ctx.runClient("small", ctx.server.port, { ...p, inflight: 32 }));
  const perSecond = (ms) => p.calls / (ms / 1000);
  const sdk = r.samples.sdk.map(perSecond);
  addRow(ctx, row({ scenario: `concurrent: ${p.calls} findOne, 32 in flight vs raw http`, unit: "calls/s", values: sdk, floor: r.samples.raw.map(perSecond), higherIsBetter: true }));
  addRow(ctx, row({ scenario: "  concurrent: got alone vs raw http", unit: "calls/s", values: r.samples.got.map(perSecond), floor: r.samples.raw.map(perSecond), higherIsBetter: true }));
  const perCall = (ms) => (ms * 1000) / p.calls;
  addRow(ctx, row({ scenario: "  concurrent: client CPU, SDK vs got alone", unit: "cpu µs", values: r.cpu.sdk.map(perCall), floor: r.cpu.got.map(perCall) }));
  await referenceRow(ctx, "  concurrent: vs reference, 8 threads (×)", undefined, async () => {
    const { calls, threads, reps } = ctx.plan.reference.concurrent;
    const refs = (ctx.raw.referenceConcurrent = await repeatReference(reps, { ...loopback(ctx), scenario: "concurrent", calls, threads }));
    return row({ scenario: `  concurrent: vs reference, ${threads} threads (× its calls/s)`, unit: "calls/s", values: sdk, floor: refs.map((x) => calls / (x.wallMs / 1000)), higherIsBetter: true, speedup: true });
  });
}

async function large(ctx) {
  const count = ctx.server.largeCount;
  const r = (ctx.raw.large = await ctx.runClient("large", ctx.server.port, { reps: ctx.plan.large, count }));
  const mb = (r.bytes / 1e6).toFixed(1);
  addRow(ctx, row({ scenario: `large: find → ${count} transfers (${mb} MB) vs JSON.parse`, unit: "ms", values: r.samples.sdk, floor: r.samples.parse }));
  addRow(ctx, row({ scenario: "  large: vs raw http fetch + JSON.parse", unit: "ms", values: r.samples.sdk, floor: r.samples.raw }));
  addRow(ctx, row({ scenario: "  large: vs the whole-text path (raw fetch + decodeAnswer)", unit: "ms", values: r.samples.sdk, floor: r.samples.whole, goal: 1.1 }), "large-whole");
  addRow(ctx, row({ scenario: "  large: client CPU vs JSON.parse", unit: "cpu ms", values: r.cpu.sdk, floor: r.cpu.parse }));
  await referenceRow(ctx, "  large: vs reference (× faster)", "large-ref", async () => {
    const refs = (ctx.raw.referenceLarge = await repeatReference(ctx.plan.reference.large, { ...loopback(ctx), scenario: "large", count, query: LARGE_QUERY }));
    return row({ scenario: "  large: vs reference (× faster)", unit: "ms", values: r.samples.sdk, floor: refs.map((x) => x.times[0]), goal: 6, speedup: true });
  });
  if (ctx.raw.referenceLarge) addRow(ctx, row({ scenario: "  large: client CPU vs reference (× less)", unit: "cpu ms", values: r.cpu.sdk, floor: ctx.raw.referenceLarge.map((x) => x.cpuMs), speedup: true }));
}

async function create(ctx) {
  const tasks = 100_000;
  const r = (ctx.raw.create = await ctx.runClient("create", ctx.server.port, { reps: ctx.plan.create, tasks }));
  const label = `create: ${tasks} tasks (${(r.jsonBytes / 1e6).toFixed(1)} MB → gz_data ${(r.gzBytes / 1e6).toFixed(2)} MB) vs stringify+gzip+b64`;
  addRow(ctx, row({ scenario: label, unit: "ms", values: r.samples.sdk, floor: r.samples.floor, goal: 1.3 }), "create-floor");
  addRow(ctx, row({ scenario: "  create: client CPU", unit: "cpu ms", values: r.cpu.sdk, floor: r.cpu.floor }));
  await referenceRow(ctx, "  create: vs reference (× faster)", "create-ref", async () => {
    const refs = (ctx.raw.referenceCreate = await repeatReference(ctx.plan.reference.create, { ...loopback(ctx), scenario: "create", tasks }));
    return row({ scenario: "  create: vs reference (× faster)", unit: "ms", values: r.samples.sdk, floor: refs.map((x) => x.times[0]), goal: 2, speedup: true });
  });
  if (ctx.raw.referenceCreate) addRow(ctx, row({ scenario: "  create: client CPU vs reference (× less)", unit: "cpu ms", values: r.cpu.sdk, floor: ctx.raw.referenceCreate.map((x) => x.cpuMs), speedup: true }));
}

/** Loopback scenarios by name, in run order. */
export const loopbackScenarios = { small, concurrent, large, create, ...processScenarios };
