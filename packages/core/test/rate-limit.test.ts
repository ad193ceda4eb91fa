/**
 * The SDK's answer to rate limits against a real local server: 429 is retried for every method
 * after its `Retry-After` (a 429 proves nothing was done), other failures of a POST are not, a
 * `Retry-After` beyond a minute is not waited for, and `maxRequestsPerSecond` paces and cancels.
 * The call's budget starts on the wire: the wait in the session's own queue is not part of it, a
 * retry waits ahead of unsent calls, and a call that runs out while rate-limited says so.
 */
import { afterEach, describe, expect, it } from "vitest";
import { AccsynAbortError, AccsynApiError, AccsynRateLimitError, AccsynValidationError, RateLimiter, Session } from "@accsyn/core";
import { sessionOptions, startTestServer, type Reply, type TestServer } from "../../../tests/support/test-server.js";

let server: TestServer | undefined;
let session: Session | undefined;
afterEach(async () => {
  session?.close();
  await server?.close();
  server = session = undefined;
});

/** A server answering events with `replies` in turn (then 200), and a session on it. */
async function serve(replies: Reply[], extra: Record<string, unknown> = {}): Promise<Session> {
  let i = 0;
  server = await startTestServer((req) => (req.path === "/api/v3/event" ? (replies[i++] ?? { body: { result: "done" } }) : undefined));
  session = new Session({ ...sessionOptions(server).options, retries: 2, retryDelayMs: 10, ...extra });
  return session;
}

const limited = (retryAfter?: string): Reply => ({ status: 429, body: { message: "Too Many Requests" }, ...(retryAfter ? { headers: { "retry-after": retryAfter } } : {}) });

describe("429 answers", () => {
  it("retries a POST refused with 429 after its Retry-After, and sends it exactly once more", async () => {
    const s = await serve([limited("1")]);
    const started = performance.now();
    await expect(s.request("POST", "queue/create", { data: { name: "q" } })).resolves.toEqual({ result: "done" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(server!.events().map((e) => e.method)).toEqual(["POST", "POST"]);
  });

  it("does not retry a POST answered 503: nothing proves it was not done", async () => {
    const s = await serve([{ status: 503, body: { message: "busy" } }]);
    await expect(s.request("POST", "queue/create", { data: {} })).rejects.toBeInstanceOf(AccsynApiError);
    expect(server!.events()).toHaveLength(1);
  });

  it("retries a GET answered 503 with a Retry-After, honouring it", async () => {
    const s = await serve([{ status: 503, body: "<html>busy</html>", contentType: "text/html", headers: { "retry-after": "1" } }]);
    const started = performance.now();
    await expect(s.request("GET", "queue/find")).resolves.toEqual({ result: "done" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it("gives up after rateLimitRetries with an AccsynRateLimitError, whatever the 429's body", async () => {
    const s = await serve([limited(), { status: 429, body: "<html>429</html>", contentType: "text/html" }, limited()], { rateLimitRetries: 1 });
    const error = await s.request("PUT", "queue/update", { data: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynRateLimitError);
    expect(error).toMatchObject({ status: 429, uri: "queue/update", retryAfterMs: undefined, backendMessage: undefined });
    expect(server!.events()).toHaveLength(2);
  });

  it("does not wait for a Retry-After beyond a minute: the error names it at once", async () => {
    const s = await serve([limited("3600")]);
    const started = performance.now();
    const error = await s.request("GET", "queue/find").catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(10_000); // at once: not the hour it was asked to wait
    expect(error).toMatchObject({ retryAfterMs: 3_600_000, backendMessage: "Too Many Requests" });
    expect((error as Error).message).toMatch(/It asked to wait 3600 s/);
  });
});

describe("maxRequestsPerSecond", () => {
  it("paces a fan-out: a burst at once, then the sustained rate", async () => {
    const s = await serve([], { maxRequestsPerSecond: 20, maxBurst: 5 });
    await s.login();
    const started = performance.now();
    await Promise.all(Array.from({ length: 15 }, () => s.request("GET", "queue/find")));
    // login took one token: 15 calls need 11 refills at 20/s
    expect(performance.now() - started).toBeGreaterThanOrEqual(500);
    expect(performance.now() - started).toBeLessThan(10_000); // the lower bound is the claim; this one only catches a stall
  });

  it("cancels a call waiting for its turn, and refuses figures that are not positive", async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1, burst: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AccsynAbortError);
    expect(() => new Session({ ...sessionOptions({ port: 1 }).options, maxRequestsPerSecond: 0 })).toThrowError(AccsynValidationError);
    expect(() => new Session({ ...sessionOptions({ port: 1 }).options, maxRequestsPerSecond: 5, maxBurst: 0.5 })).toThrowError(/maxBurst/);
    expect(() => new Session({ ...sessionOptions({ port: 1 }).options, maxSockets: 0 })).toThrowError(/maxSockets/);
    expect(() => new Session({ ...sessionOptions({ port: 1 }).options, rateLimitRetries: -1 })).toThrowError(/rateLimitRetries/);
  });
});

describe("the call budget and rate limits", () => {
  it("a 429 whose Retry-After outlasts the budget fails at once as AccsynRateLimitError with the wait asked, not ETIMEDOUT", async () => {
    const s = await serve([limited("3")], { timeoutMs: 1_000, connectTimeoutMs: 1_000 });
    await s.login();
    const started = performance.now();
    const error = await s.request("PUT", "queue/update", { data: {} }).catch((e: unknown) => e);
    // at once: not the 2 s budget waited out (the claim), with room for a loaded machine
    expect(performance.now() - started).toBeLessThan(1_900);
    expect(error).toBeInstanceOf(AccsynRateLimitError);
    expect(error).toMatchObject({ status: 429, uri: "queue/update", retryAfterMs: 3_000, backendMessage: "Too Many Requests" });
    expect((error as Error).message).toMatch(/HTTP 429\); the SDK stopped retrying: this call's budget of 2 s .* had \d+(\.\d)? s left\. It asked to wait 3 s\. Raise timeoutMs/);
    expect(server!.events()).toHaveLength(1);
  });

  it("sends every call queued under maxRequestsPerSecond, however long the queue: its budget starts on the wire", async () => {
    // the case: 6 calls at 2/s, burst 1, a budget of 1 + 1 s (before: 2 succeeded, 4 ETIMEDOUT unsent)
    const s = await serve([], { maxRequestsPerSecond: 2, maxBurst: 1, timeoutMs: 1_000, connectTimeoutMs: 1_000 });
    await s.login();
    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => s.request("GET", `queue/find${i}`)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    // six turns at 2/s after the login's: the last call waited ~3 s in the queue, past its 2 s budget
    expect(performance.now() - started).toBeGreaterThan(2_500);
    expect(server!.events().map((e) => e.event.uri)).toEqual(Array.from({ length: 6 }, (_, i) => `queue/find${i}`));
  });

  it("sends a retry ahead of the calls still waiting for their first turn", async () => {
    const s = await serve([limited("0")], { maxRequestsPerSecond: 4, maxBurst: 1, timeoutMs: 600, connectTimeoutMs: 400 });
    await s.login();
    const results = await Promise.allSettled(["first", "second", "third", "fourth"].map((name) => s.request("GET", `queue/${name}`)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(server!.events().map((e) => e.event.uri)).toEqual(["queue/first", "queue/first", "queue/second", "queue/third", "queue/fourth"]);
  });

  it("a retry that gets no turn within the budget ends as the 429 it had, and leaves the queue", async () => {
    const s = await serve([limited("0")], { maxRequestsPerSecond: 0.5, maxBurst: 1, timeoutMs: 500, connectTimeoutMs: 500 });
    await s.login(); // the login took the only token: the next turn is 2 s away
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const error = await s.request("GET", "queue/find").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 0 });
    expect((error as Error).message).toMatch(/the SDK stopped retrying: this call's budget of 1 s/);
    expect(server!.events()).toHaveLength(1);
  });
});

describe("RateLimiter deadlines", () => {
  it("a caller whose deadline passes leaves the queue: its turn goes to the next caller, no token is kept for it", async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 5, burst: 1 });
    await limiter.acquire();
    const order: string[] = [];
    const patient = limiter.acquire(undefined, { timeoutMs: 300 }).then(() => order.push("patient"));
    const retry = limiter.acquire(undefined, { ahead: true }).then(() => order.push("retry"));
    const next = limiter.acquire().then(() => order.push("next"));
    expect(limiter.waiting).toBe(3);
    // the retry goes first (~200 ms); the patient caller's turn moves to ~400 ms, past its 300 ms
    const error = await patient.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynRateLimitError);
    expect((error as Error).message).toMatch(/No turn under maxRequestsPerSecond \(5\/s\) within 300 ms/);
    expect(limiter.waiting).toBe(1);
    await Promise.all([retry, next]);
    expect(order).toEqual(["retry", "next"]);
  });

  it("refuses at once a turn that is known to come after the deadline", async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 1, burst: 1 });
    await limiter.acquire();
    const started = performance.now();
    const error = await limiter.acquire(undefined, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(50);
    expect(error).toMatchObject({ code: "ACCSYN_RATE_LIMIT", status: undefined });
    expect((error as AccsynRateLimitError).retryAfterMs).toBeGreaterThan(900);
    expect(limiter.waiting).toBe(0);
  });
});
