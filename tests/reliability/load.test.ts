/**
 * Load: one SDK session drives mixed create/update/find/ls calls, 64 in flight, against the emulator bin in a
 * child process. Zero failures, every result checked, the emulator's RSS bounded, no socket left open after
 * `session.close()`. `ACCSYN_LOAD_CALLS` sets the call count (2,000 in CI; `pnpm test:load` runs 20,000).
 */
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "@accsyn/api";
import { bundleEmulatorBin, emulatorSessionOptions, removeBundle, startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process.js";
import { reportFigures } from "../support/reliability-report.js";

const CALLS = Number(process.env.ACCSYN_LOAD_CALLS ?? 2000);
const IN_FLIGHT = 64;
/** Each unit is four dependent calls: create, update, find (checks the update), ls. */
const CALLS_PER_UNIT = 4;
const UNITS = Math.ceil(CALLS / CALLS_PER_UNIT);
const MB = 1024 * 1024;
/**
 * Allowed RSS growth of the emulator: 100 MB of heap headroom (GC-free settle) plus 4 KB per queue the load stores
 * (its state is an in-memory database and index). Read-only rounds after a write load leave RSS flat, so growth
 * beyond this means memory kept per call.
 */
const MAX_RSS_GROWTH = 100 * MB + UNITS * 4 * 1024;

let bin = "";
let emu: EmulatorProcess;

beforeAll(async () => {
  bin = bundleEmulatorBin();
  emu = await startEmulatorProcess(bin, ["--rate", "0"]);
}, 60_000);
afterAll(async () => {
  await emu?.stop();
  removeBundle(bin);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Open sockets of this process connected to `port` (what a leaked keep-alive connection looks like). */
function socketsTo(port: number): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => (h as Partial<Socket>).remotePort === port && !(h as Socket).destroyed).length;
}

/** Runs `work(0..count-1)` with at most `limit` in flight. */
async function pool(count: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

describe("load", () => {
  it(`${UNITS * CALLS_PER_UNIT} mixed calls, ${IN_FLIGHT} in flight: no failure, correct results, bounded memory, no leaked socket`, async () => {
    const session = new Session({ ...emulatorSessionOptions(emu.url, "admin"), timeoutMs: 60_000 });
    await session.mkdir("share=projects/load");
    await session.mkdir("share=projects/load/inside");
    await sleep(300);
    const rssBefore = emu.rss();

    const failures: string[] = [];
    const wrong: string[] = [];
    let calls = 0;
    let inFlight = 0;
    let peak = 0;
    const call = async <T>(run: () => Promise<T>): Promise<T> => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await run();
      } finally {
        inFlight--;
        calls++;
      }
    };
    const started = performance.now();
    await pool(UNITS, IN_FLIGHT, async (i) => {
      const code = `load-${i}`;
      try {
        const created = await call(() => session.create("queue", { code, name: `Load ${i}`, priority: i % 1000, metadata: { n: i } }));
        const id = created.id;
        if (created.code !== code || created.priority !== i % 1000) wrong.push(`create ${code}: ${JSON.stringify(created)}`);
        const updated = await call(() => session.update("queue", id, { priority: (i * 7) % 1000, metadata: { n: i, updated: true } }));
        if (updated.priority !== (i * 7) % 1000) wrong.push(`update ${code}: ${JSON.stringify(updated)}`);
        const found = await call(() => session.find(`queue WHERE code=${code}`));
        const f = found[0];
        if (found.length !== 1 || f?.id !== id || f.priority !== (i * 7) % 1000 || (f.metadata as { updated?: boolean })?.updated !== true)
          wrong.push(`find ${code}: ${JSON.stringify(found)}`);
        const listing = (await call(() => session.ls("share=projects/load"))) as unknown as Array<{ filename: string }>; // TODO(shapes-sdk): ls answers a list of entries
        if (listing.map((e) => e.filename).join() !== "inside") wrong.push(`ls: ${JSON.stringify(listing)}`);
      } catch (err) {
        failures.push(`${code}: ${(err as Error).message}`);
      }
    });
    const seconds = (performance.now() - started) / 1000;

    // Everything created is there once, with its last value.
    const all = await session.find("queue", { limit: UNITS + 100 });
    const loaded = all.filter((q) => String(q.code).startsWith("load-"));
    const byCode = new Map(loaded.map((q) => [String(q.code), q]));
    const missing = Array.from({ length: UNITS }, (_, i) => i).filter((i) => byCode.get(`load-${i}`)?.priority !== (i * 7) % 1000);

    await sleep(1_000);
    const rssAfter = emu.rss();
    session.close();
    await sleep(200);
    const leaked = socketsTo(emu.port);
    const callsPerSecond = Math.round(calls / seconds);

    reportFigures("load", {
      calls, failures: failures.length + wrong.length, callsPerSecond, peakInFlight: peak,
      rssBeforeMB: Math.round(rssBefore / MB), rssAfterMB: Math.round(rssAfter / MB), leakedSockets: leaked,
    });
    console.log(`load: ${calls} calls in ${seconds.toFixed(1)} s (${callsPerSecond} calls/s, peak ${peak} in flight), ` +
      `${failures.length} failures, ${wrong.length} wrong results; emulator RSS ${(rssBefore / MB).toFixed(0)} MB → ${(rssAfter / MB).toFixed(0)} MB ` +
      `(bound +${(MAX_RSS_GROWTH / MB).toFixed(0)} MB); ${leaked} sockets left`);

    expect(failures.slice(0, 5)).toEqual([]);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(calls).toBe(UNITS * CALLS_PER_UNIT);
    expect(peak).toBe(IN_FLIGHT);
    expect(loaded).toHaveLength(UNITS);
    expect(missing.slice(0, 5)).toEqual([]);
    expect(rssAfter - rssBefore, `RSS growth over ${(MAX_RSS_GROWTH / MB).toFixed(0)} MB`).toBeLessThan(MAX_RSS_GROWTH);
    expect(leaked).toBe(0);
    expect(emu.alive()).toBe(true);
  }, 600_000);
});
