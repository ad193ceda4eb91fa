// "wan": the bench server behind a relay that delays every chunk by half a round trip each way,
// with TLS (a throwaway certificate; the SDK trusts it, the reference runs as in production:
// hostname + port, HTTPS without verification) and in plain HTTP. SDK vs its round-trip floor (a
// raw keep-alive request through the same relay) vs the reference.
import { addRow } from "./goals.mjs";
import { LARGE_QUERY } from "./fixtures.mjs";
import { startRelay } from "./relay.mjs";
import { repeatReference, runReference } from "./reference.mjs";
import { row } from "./report.mjs";
import { referenceRow } from "./scenarios-loopback.mjs";

/** One mode (`tls` true/false): the SDK and floor in a client process, then the reference. */
async function mode(ctx, tls) {
  const name = tls ? "tls" : "http";
  const target = tls ? ctx.server.tlsPort : ctx.server.port;
  const relay = await startRelay(target, ctx.rtt);
  const tag = `wan ${ctx.rtt} ms ${tls ? "TLS" : "HTTP"}`;
  try {
    const { sequential, concurrent, large } = ctx.plan.wan;
    const r = (ctx.raw[`wan-${name}`] = await ctx.runClient("wan", relay.port, {
      relayPort: relay.port, serverPort: ctx.server.port, tls: tls ? { ca: ctx.certificate.cert } : undefined, sequential, concurrent, large,
    }));
    const perCall = (ms) => ms / sequential.calls;
    const perSecond = (ms) => concurrent.calls / (ms / 1000);
    const seq = r.sequential.samples.sdk.map(perCall);
    const conc = r.concurrent.samples.sdk.map(perSecond);
    addRow(ctx, row({ scenario: `${tag}: ${sequential.calls} sequential findOne vs raw keep-alive`, unit: "ms/call", values: seq, floor: r.sequential.samples.raw.map(perCall), goal: tls ? 1.1 : undefined }), `wan-${name}-seq-floor`);
    const remote = { host: "127.0.0.1", port: relay.port, tls };
    const ref = ctx.plan.reference;
    await referenceRow(ctx, `  ${tag}: sequential vs reference (× faster)`, `wan-${name}-seq-ref`, async () => {
      const x = (ctx.raw[`wan-${name}-reference-sequential`] = await runReference({ ...remote, scenario: "small", calls: ref.wanSequential }));
      return row({ scenario: `  ${tag}: sequential vs reference, ${x.times.length} calls (× faster)`, unit: "ms/call", values: seq, floor: x.times, goal: tls ? 4 : 1.9, speedup: true });
    });
    // plain HTTP: at least half the raw keep-alive floor's calls/s, i.e. a cost ratio ≤ 2 (issue 26)
    addRow(ctx, row({ scenario: `${tag}: ${concurrent.calls} findOne, ${concurrent.inflight} in flight vs raw keep-alive`, unit: "calls/s", values: conc, floor: r.concurrent.samples.raw.map(perSecond), higherIsBetter: true, goal: tls ? undefined : 2 }), `wan-${name}-conc-floor`);
    await referenceRow(ctx, `  ${tag}: concurrent vs reference, 8 threads (× its calls/s)`, `wan-${name}-conc-ref`, async () => {
      const { calls, threads, reps } = ref.wanConcurrent;
      const xs = (ctx.raw[`wan-${name}-reference-concurrent`] = await repeatReference(reps, { ...remote, scenario: "concurrent", calls, threads }));
      return row({ scenario: `  ${tag}: concurrent vs reference, ${threads} threads (× its calls/s)`, unit: "calls/s", values: conc, floor: xs.map((x) => calls / (x.wallMs / 1000)), higherIsBetter: true, goal: tls ? 20 : undefined, speedup: true });
    });
    if (r.large) {
      addRow(ctx, row({ scenario: `${tag}: find → ${large.count} transfers vs raw keep-alive + JSON.parse`, unit: "ms", values: r.large.samples.sdk, floor: r.large.samples.raw }));
      await referenceRow(ctx, `  ${tag}: large vs reference (× faster)`, undefined, async () => {
        const xs = (ctx.raw[`wan-${name}-reference-large`] = await repeatReference(ref.wanLarge, { ...remote, scenario: "large", count: large.count, query: LARGE_QUERY }));
        return row({ scenario: `  ${tag}: large vs reference (× faster)`, unit: "ms", values: r.large.samples.sdk, floor: xs.map((x) => x.times[0]), speedup: true });
      });
    }
  } finally {
    await relay.close();
  }
}

/** The wan scenarios by name, in run order. */
export const wanScenarios = { "wan-tls": (ctx) => mode(ctx, true), "wan-http": (ctx) => mode(ctx, false) };
