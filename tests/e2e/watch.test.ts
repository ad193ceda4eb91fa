/**
 * Issue 19 through the SDK: `session.watch` against the emulator — added, progress, completion,
 * failure and removal events in order and without duplicates; initial set; abort; and a watch that
 * survives the emulator process being killed and restarted on the same port and data directory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccsynApiError, Session, type WatchEvent } from "@accsyn/api";
import { bundleEmulatorBin, emulatorSessionOptions, removeBundle, startEmulatorProcess } from "../support/emulator-process.js";
import { startE2E, writeFileAt, type E2E } from "./support.js";

const RATE = 2_000_000;
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({ jobs: { rate: RATE, tickMs: 10 } });
  const laptop = e2e.sandbox("admin-laptop");
  writeFileAt(join(laptop, "watch", "one.bin"), "1".repeat(1_000_000));
  writeFileAt(join(laptop, "watch", "small.bin"), "s".repeat(10_000));
});
afterAll(async () => {
  await e2e.stop();
});

type Seen = { kind: string; id: string; status: unknown; progress: unknown; changed: string[] };

/**
 * Reads events into a list until `stop` says so, leaving the watch running (`for await … break`
 * would end it); fails after `limitMs`.
 */
async function collect<E extends { id: string }>(
  events: AsyncIterator<WatchEvent<E>>,
  stop: (seen: Seen[]) => boolean,
  limitMs = 10_000,
): Promise<Seen[]> {
  const seen: Seen[] = [];
  const deadline = Date.now() + limitMs;
  while (!stop(seen)) {
    if (Date.now() > deadline) throw new Error(`watch did not reach the expected state: ${JSON.stringify(seen)}`);
    const next = await events.next();
    if (next.done) throw new Error(`watch ended early: ${JSON.stringify(seen)}`);
    const e = next.value;
    const entity = e.entity as unknown as Record<string, unknown>;
    seen.push({ kind: e.kind, id: e.entity.id, status: entity.status, progress: entity.progress, changed: e.changed });
  }
  return seen;
}

/** No event repeats the state of the previous event of the same entity. */
function expectNoDuplicates(seen: Seen[]): void {
  const last = new Map<string, string>();
  for (const s of seen) {
    const key = `${s.kind}|${String(s.status)}|${String(s.progress)}`;
    expect(last.get(s.id), `duplicate ${key} for ${s.id}`).not.toBe(key);
    last.set(s.id, key);
    if (s.kind === "changed") expect(s.changed.length).toBeGreaterThan(0);
  }
}

describe("session.watch", () => {
  it("reports a transfer's creation, progress and completion in order, then its removal, without duplicates", async () => {
    const { admin } = e2e;
    const controller = new AbortController();
    const events = admin.watch("Transfer WHERE name=one.bin", { interval: 15, signal: controller.signal });
    const created = admin.create("Transfer", { source: "/watch/one.bin", destination: "share=projects/watched/" });
    const id = (await created).id;
    const seen = (await collect(events, (s) => s.some((e) => e.kind === "removed"))).filter((s) => s.id === id);
    controller.abort();
    expect(await events.next()).toEqual({ done: true, value: undefined });
    expect(seen[0]?.kind).toBe("added");
    const progress = seen.filter((s) => s.kind === "changed").map((s) => Number(s.progress));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.some((p) => p > 0 && p < 100)).toBe(true);
    const last = seen.slice(-2);
    expect(last.map((s) => s.kind)).toEqual(["changed", "removed"]);
    expect(last[0]).toMatchObject({ status: "done", progress: 100 });
    expect(last[0]?.changed).toContain("status");
    expect(seen.filter((s) => s.status === "done" && s.kind === "changed")).toHaveLength(1);
    expectNoDuplicates(seen);
  });

  it("reports a failure as a change of status, and a deletion as a removal", async () => {
    const { admin } = e2e;
    const events = admin.watch("Transfer WHERE name=missing.bin", { interval: 10 });
    const job = await admin.create("Transfer", { source: "/watch/missing.bin", destination: "share=projects/watched/" });
    const failed = await collect(events, (s) => s.some((e) => e.status === "failed"));
    expect(failed.at(-1)).toMatchObject({ kind: "changed", id: job.id, status: "failed" });
    expect(failed.at(-1)?.changed).toContain("status");
    await admin.deleteOne("Transfer", job.id);
    const removed = await collect(events, (s) => s.some((e) => e.kind === "removed"));
    expect(removed).toEqual([{ kind: "removed", id: job.id, status: "failed", progress: expect.anything() as unknown, changed: [] }]);
    await events.return();
    expectNoDuplicates([...failed, ...removed]);
  });

  it("never misses a terminal status: a job that went paused → done between two polls yields changed, then removed", async () => {
    const { admin } = e2e;
    const job = await admin.create("Transfer", { source: "/watch/small.bin", destination: "share=projects/watched/", status: "paused" });
    const events = admin.watch(`Transfer WHERE id=${job.id}`, { interval: 10 });
    expect(await collect(events, (s) => s.length === 1)).toEqual([{ kind: "added", id: job.id, status: "paused", progress: 0, changed: [] }]);
    // The watch polls only while it is read: the whole run happens between two of its polls.
    await admin.update("Transfer", job.id, { status: "waiting" });
    await admin.waitFor("Transfer", job.id, { intervalMs: 10, timeoutMs: 5_000 });
    const rest = await collect(events, (s) => s.some((e) => e.kind === "removed"));
    await events.return();
    expect(rest.map((s) => [s.kind, s.status, s.progress])).toEqual([["changed", "done", 100], ["removed", "done", 100]]);
    expect(rest[0]?.changed).toEqual(expect.arrayContaining(["finished", "progress", "status"]));
  });

  it("throws what cannot be retried (a query the backend refuses) instead of retrying it", async () => {
    const retried: unknown[] = [];
    const events = e2e.admin.watch("Transfer WHERE nosuchattribute ~ 3", { interval: 10, onRetry: (r) => retried.push(r) });
    await expect(events.next()).rejects.toThrow(AccsynApiError);
    expect(retried).toEqual([]);
  });

  it("emits the current set first unless initial is false, and compares the attributes asked for", async () => {
    const { admin } = e2e;
    const queues = ["q-w1", "q-w2"];
    for (const code of queues) await admin.create("Queue", { code, name: code });
    const first = admin.watch("Queue WHERE code in q-w1,q-w2", { interval: 10 });
    const initial = await collect(first, (s) => s.length === 2);
    expect(initial.map((s) => s.kind)).toEqual(["added", "added"]);
    await first.return();

    // `modified` has one-second resolution: an edit in the same second as the creation would go unseen.
    const quiet = admin.watch("Queue WHERE code in q-w1,q-w2", { interval: 10, initial: false, attributes: ["description"] });
    const pending = collect(quiet, (s) => s.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    const q = await admin.findOne("Queue WHERE code=q-w2");
    await admin.update("Queue", String(q?.id), { description: "renamed" });
    const [change] = await pending;
    expect(change).toMatchObject({ kind: "changed", id: q?.id });
    // Only `description` is polled; `changed` lists what differs in the polled attributes.
    expect(change?.changed).toEqual(["description"]);
  });

  it("ends cleanly when its signal aborts, while it waits and during a call", async () => {
    const { admin } = e2e;
    const controller = new AbortController();
    const events = admin.watch("Transfer", { interval: 60_000, initial: false, signal: controller.signal });
    const ended = (async () => {
      const seen: unknown[] = [];
      for await (const e of events) seen.push(e);
      return seen;
    })();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    expect(await ended).toEqual([]);
    expect(Date.now() - started).toBeLessThan(30_000); // ended while waiting, long before the next poll (60 s)

    const already = new AbortController();
    already.abort();
    expect(await admin.watch("Transfer", { signal: already.signal }).next()).toEqual({ done: true, value: undefined });
  });

  it("refuses bad options with a message that says what to do", () => {
    const { admin } = e2e;
    expect(() => admin.watch("Transfer", { interval: -1 })).toThrow(/positive number of milliseconds/);
    expect(() => admin.watch("entitytypes")).toThrow(/cannot be watched/);
    expect(() => admin.watch("")).toThrow(/transfer WHERE status=running/);
  });
});

describe("session.watch across a restart of the backend", () => {
  let bin = "";
  let dir = "";
  beforeAll(() => {
    bin = bundleEmulatorBin();
    dir = mkdtempSync(join(tmpdir(), "watch-restart-"));
  }, 60_000);
  afterAll(() => {
    removeBundle(bin);
    rmSync(dir, { recursive: true, force: true });
  });

  it("retries while the emulator is down and resumes without emitting anything twice", async () => {
    const args = ["--data", dir, "--rate", "1000000"];
    let emu = await startEmulatorProcess(bin, args);
    const session = new Session(emulatorSessionOptions(emu.url, "admin"));
    try {
      const laptop = (await session.findOne("Client WHERE code=admin-laptop"))?.id;
      writeFileAt(join(dir, "clients", String(laptop), "big.bin"), "b".repeat(2_000_000));
      const retries: number[] = [];
      const events = session.watch("Transfer", { interval: 20, maxInterval: 200, onRetry: (r) => retries.push(r.delay) });
      const job = await session.create("Transfer", { source: "/big.bin", destination: "share=projects/restart/" });
      const before = await collect(events, (s) => s.some((e) => e.kind === "changed" && Number(e.progress) > 0));
      // Keep reading while the backend is down, so the watch polls through the outage.
      const resumed = collect(events, (s) => s.some((e) => e.kind === "removed"), 20_000);
      emu.child.kill("SIGKILL");
      await emu.exited;
      await new Promise((r) => setTimeout(r, 1_500)); // longer than the transport's own retries
      emu = await startEmulatorProcess(bin, [...args, "--port", String(emu.port)]);
      const after = await resumed;
      await events.return();
      const all = [...before, ...after].filter((s) => s.id === job.id);
      expect(retries.length).toBeGreaterThan(0);
      expect(all[0]?.kind).toBe("added");
      expect(all.slice(-2).map((s) => [s.kind, s.status])).toEqual([["changed", "done"], ["removed", "done"]]);
      expectNoDuplicates(all);
    } finally {
      session.close();
      await emu.stop();
    }
  }, 60_000);
});
