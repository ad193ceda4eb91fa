/**
 * `watch` on the wire, against a local server with scripted answers: what each poll sends, the
 * per-id fallback when the backend refuses `id in …`, a 404 for an entity that is gone, and a
 * transient failure retried without emitting anything twice.
 */
import { describe, expect, it, afterEach } from "vitest";
import type { RecordedRequest } from "../../../tests/support/test-server.js";
import { backoffDelay } from "../src/retry.js";
import { harness, type Harness } from "./harness.js";

const A = "aaaaaaaaaaaaaaaaaaaaaaaa";
const B = "bbbbbbbbbbbbbbbbbbbbbbbb";
const C = "cccccccccccccccccccccccc";
let h: Harness | undefined;
afterEach(async () => {
  h?.session.close();
  await h?.server.close();
  h = undefined;
});

const whole = (id: string, progress: number) => ({ id, name: `${id.slice(0, 1)}.mov`, status: "running", progress, speed: 5, size: 100 });
const polled = (id: string, progress: number) => ({ id, status: "running", progress });

/** Reads `n` events (the watch keeps running). */
async function take<T>(events: AsyncIterator<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  while (out.length < n) {
    const next = await events.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

describe("watch on the wire", () => {
  it("polls only the change attributes, fetches changed ones by id when `id in` is refused, and reads a 404 as gone", async () => {
    let polls = 0;
    h = await harness((request: RecordedRequest) => {
      const event = request.event as { uri: string; data?: { attributes?: string[] }; query?: string; id?: string };
      if (event.id === A) return { body: { result: [whole(A, 20)] } };
      if (event.id === C) return { body: { result: [whole(C, 0)] } };
      if (event.id === B) return { status: 404, body: { message: "No such transfer" } };
      if (event.query?.startsWith("id in")) return { status: 400, body: { message: "Unsupported query" } };
      if (!event.data?.attributes) return { body: { result: [whole(A, 10), whole(B, 50)] } };
      polls += 1;
      return { body: { result: polls === 1 ? [polled(A, 10), polled(B, 50)] : [polled(A, 20), polled(C, 0)] } };
    });
    const events = h.session.watch("Transfer WHERE status=running", { interval: 5 });
    const seen = await take(events, 5);
    await events.return();
    expect(seen.map((e) => [e.kind, e.entity.id, e.entity.progress, e.changed])).toEqual([
      ["added", A, 10, []],
      ["added", B, 50, []],
      ["changed", A, 20, ["progress"]],
      ["added", C, 0, []],
      ["removed", B, 50, []],
    ]);
    const sent = h.sent();
    expect(sent.slice(0, 3)).toEqual([
      { method: "GET", uri: "transfer/find", data: {}, query: "status=running" },
      { method: "GET", uri: "transfer/find", data: { attributes: ["status", "progress"] }, query: "status=running" },
      { method: "GET", uri: "transfer/find", data: { attributes: ["status", "progress"] }, query: "status=running" },
    ]);
    expect(sent.slice(3, 7)).toEqual([
      { method: "GET", uri: "transfer/find", data: {}, query: `id in ${A},${C}` },
      { method: "GET", uri: "transfer/find", data: {}, id: A },
      { method: "GET", uri: "transfer/find", data: {}, id: C },
      { method: "GET", uri: "transfer/find", data: {}, id: B },
    ]);
  });

  it("retries a 503 with back-off, tells onRetry, and emits nothing twice", async () => {
    let polls = 0;
    h = await harness((request: RecordedRequest) => {
      const event = request.event as { data?: { attributes?: string[] }; query?: string };
      if (event.query === `id=${A}`) return { body: { result: [whole(A, 30)] } };
      polls += 1;
      if (polls === 2 || polls === 3) return { status: 503, body: "<html>restarting</html>", contentType: "text/html" };
      return { body: { result: [polls >= 4 ? polled(A, 30) : polled(A, 10)] } };
    });
    const retries: number[] = [];
    const events = h.session.watch("transfer", { interval: 5, maxInterval: 40, details: true, initial: true, onRetry: (r) => retries.push(r.delay) });
    const seen = await take(events, 2);
    await events.return();
    expect(seen.map((e) => [e.kind, e.entity.progress])).toEqual([["added", 10], ["changed", 30]]);
    expect(retries).toEqual([40, 40]); // 250 ms doubled, capped at maxInterval
    expect(h.warnings.filter((w) => w.startsWith('watch "transfer"'))).toHaveLength(2); // the outage, then the recovery
  });

  it("backs off by doubling the interval (at least 250 ms) up to the cap", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(2000, n, 30_000))).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
    expect(backoffDelay(10, 1, 30_000)).toBe(500);
  });
});
