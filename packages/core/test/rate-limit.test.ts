/**
 * The SDK's answer to rate limits against a real local server: 429 is retried for every method
 * after its `Retry-After` (a 429 proves nothing was done), other failures of a POST are not, a
 * `Retry-After` beyond a minute is not waited for, and `maxRequestsPerSecond` paces and cancels.
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
