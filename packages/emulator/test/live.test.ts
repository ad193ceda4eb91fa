/**
 * The dashboard's live stream (`/ui/live`, Server-Sent Events) under a burst of calls: every request's event
 * arrives, once and in order, but gathered into a few writes rather than one per request — an open page must
 * not slow the emulator (issue 26: with one write per event, the emulator spent 1.37× the CPU per call and
 * Chromium 3.8 s of CPU per 3,000 calls).
 */
import { request } from "node:http";
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../src/index.js";
import { COALESCE_MS } from "../src/ui/live.js";
import { emulatorForFile } from "./client.js";

const BURST = 200;

/** Opens `/ui/live` and records each chunk the emulator writes to it. */
function openLive(emu: RunningEmulator, since: number): Promise<{ res: IncomingMessage; chunks: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(`${emu.url}/ui/live?since=${since}`, (res) => {
      const chunks: string[] = [];
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => chunks.push(chunk));
      resolve({ res, chunks });
    });
    req.on("error", reject);
    req.end();
  });
}

const ids = (chunks: string[]): number[] => [...chunks.join("").matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

describe("the live stream under a burst of calls", () => {
  const file = emulatorForFile({ jobs: { run: false } });

  it("sends every event once, in order, in a few writes", async () => {
    const { emu, as: { admin } } = file;
    const { res, chunks } = await openLive(emu, emu.events.last);
    const first = emu.events.last + 1;
    const began = performance.now();
    await Promise.all(Array.from({ length: BURST }, () => admin.find("user")));
    const last = emu.events.last;
    for (let i = 0; i < 500 && ids(chunks).at(-1) !== last; i++) await new Promise((r) => setTimeout(r, 10));
    const took = performance.now() - began;
    res.destroy();
    expect(ids(chunks)).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
    // at most one write per gathering window, however slow the machine (the bound follows the burst's own time)
    const writes = chunks.filter((c) => c.includes("data: ")).length;
    const windows = Math.ceil(took / COALESCE_MS) + 1;
    process.stderr.write(`[live] ${last - first + 1} events in ${writes} writes over ${took.toFixed(0)} ms (≤ ${windows} allowed)\n`);
    expect(writes).toBeLessThanOrEqual(Math.min(windows, (last - first + 1) / 2));
  });

  it("sends a lone event soon, not waiting for more to gather", async () => {
    const { emu, as: { admin } } = file;
    const { res, chunks } = await openLive(emu, emu.events.last);
    await admin.find("user");
    const last = emu.events.last;
    for (let i = 0; i < 200 && ids(chunks).at(-1) !== last; i++) await new Promise((r) => setTimeout(r, 10));
    res.destroy();
    expect(ids(chunks).at(-1)).toBe(last);
  });
});
