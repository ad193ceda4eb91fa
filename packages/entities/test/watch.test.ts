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

  it("fetches the final states of leavers in one `id in …` call per scope, by id only for those still missing", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => i.toString(16).padStart(24, "a"));
    const [paused, deleted] = [ids[18]!, ids[19]!];
    const finalOf = (id: string) => (id === paused ? { ...whole(id, 40), status: "paused" } : { ...whole(id, 100), status: "done" });
    let polls = 0;
    h = await harness((request: RecordedRequest) => {
      const event = request.event as { data?: { attributes?: string[]; finished?: boolean }; query?: string; id?: string };
      if (event.id !== undefined) return { body: { result: event.id === deleted ? [] : [finalOf(event.id)] } };
      const asked = /^id in (.+)$/.exec(event.query ?? "")?.[1]?.split(",");
      if (asked) {
        // the backend's scopes: finished jobs only with `finished`, the rest without; the deleted one nowhere
        const inScope = asked.filter((id) => id !== deleted && (id === paused) !== (event.data?.finished === true));
        return { body: { result: inScope.map(finalOf) } };
      }
      polls += 1;
      return { body: { result: polls === 1 ? ids.map((id) => whole(id, 50)) : [] } };
    });
    const events = h.session.watch("transfer WHERE status=running", { interval: 5 });
    const seen = await take(events, 20 + 19 * 2 + 1); // added; changed + removed; the deleted one removed
    await events.return();
    expect(seen.slice(20, 22).map((e) => [e.kind, e.entity.id, e.entity.status, e.changed])).toEqual([
      ["changed", ids[0], "done", ["progress", "status"]],
      ["removed", ids[0], "done", []],
    ]);
    expect(seen.filter((e) => e.kind === "removed")).toHaveLength(20);
    expect(seen.find((e) => e.kind === "changed" && e.entity.id === paused)?.entity.status).toBe("paused");
    expect(seen.at(-1)).toMatchObject({ kind: "removed", entity: { id: deleted, status: "running", progress: 50 } });
    // two polls, then: finished scope (20 ids), watched scope (the 2 not finished), the deleted one by id
    expect(h.sent().slice(2, 5)).toEqual([
      { method: "GET", uri: "transfer/find", data: { finished: true }, query: `id in ${ids.join(",")}` },
      { method: "GET", uri: "transfer/find", data: {}, query: `id in ${paused},${deleted}` },
      { method: "GET", uri: "transfer/find", data: {}, id: deleted },
    ]);
  });

  it("falls back to one call per leaver when the backend refuses `id in …`", async () => {
    let polls = 0;
    h = await harness((request: RecordedRequest) => {
      const event = request.event as { data?: { attributes?: string[] }; query?: string; id?: string };
      if (event.id !== undefined) return { body: { result: [{ ...whole(event.id, 100), status: "done" }] } };
      if (event.query?.startsWith("id in")) return { status: 400, body: { message: "Unsupported query" } };
      polls += 1;
      return { body: { result: polls === 1 ? [whole(A, 10), whole(B, 20), whole(C, 30)] : [] } };
    });
    const events = h.session.watch("transfer WHERE status=running", { interval: 5 });
    const seen = await take(events, 3 + 6);
    await events.return();
    expect(seen.slice(3).map((e) => [e.kind, e.entity.id, e.entity.status])).toEqual([
      ["changed", A, "done"], ["removed", A, "done"], ["changed", B, "done"], ["removed", B, "done"], ["changed", C, "done"], ["removed", C, "done"],
    ]);
    expect(h.sent().slice(2, 6)).toEqual([
      { method: "GET", uri: "transfer/find", data: { finished: true }, query: `id in ${A},${B},${C}` },
      { method: "GET", uri: "transfer/find", data: {}, id: A },
      { method: "GET", uri: "transfer/find", data: {}, id: B },
      { method: "GET", uri: "transfer/find", data: {}, id: C },
    ]);
  });

  it("backs off by doubling the interval (at least 250 ms) up to the cap", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(2000, n, 30_000))).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
    expect(backoffDelay(10, 1, 30_000)).toBe(500);
  });
});
