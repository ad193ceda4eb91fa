/**
 * Rate limits (accsyn changelog v3.6-5: 30 requests/s sustained, bursts of 60, 100 connections per
 * IP). The emulator enforces them when asked; the SDK meets its 429s by retrying after
 * `Retry-After` (every method: a 429 proves nothing was done), and `maxRequestsPerSecond` /
 * `maxSockets` keep a fan-out under the limits before they are hit. Figures are scaled up (100/s,
 * bursts of 100) so the fan-outs take seconds.
 */
import { afterEach, describe, expect, it } from "vitest";
import { AccsynRateLimitError, Session, type SessionOptions } from "@accsyn/api";
import { DEMO_SEED, startEmulator, type RateLimitFigures, type RunningEmulator } from "@accsyn/emulator";
import { bundleEmulatorBin, emulatorSessionOptions, removeBundle, startEmulatorProcess } from "../support/emulator-process.js";

/** The service's shape scaled up; the burst leaves the SDK's pacing (80/s, bursts of 40) 0.75 s of network jitter. */
const FIGURES = { requestsPerSecond: 100, burst: 100, maxConnections: 100 };
const FAN_OUT = 200;

let emu: RunningEmulator | undefined;
let session: Session | undefined;
afterEach(async () => {
  session?.close();
  await emu?.stop();
  emu = session = undefined;
});

/** A limited emulator that counts the requests it refused. */
async function limitedEmulator(figures: Partial<RateLimitFigures>): Promise<{ refused: () => number }> {
  let refused = 0;
  emu = await startEmulator({ port: 0, rateLimit: figures, jobs: { run: false }, log: (line) => void (line.includes(" 429 ") && refused++) });
  return { refused: () => refused };
}

/** `FAN_OUT` concurrent calls, three finds for every create; the outcome of each. */
async function fanOut(options: Partial<SessionOptions>): Promise<{ results: PromiseSettledResult<unknown>[]; created: string[]; ms: number }> {
  session = new Session({ ...emulatorSessionOptions(emu!.url, "admin"), ...options });
  await session.login();
  const started = performance.now();
  const created: string[] = [];
  const results = await Promise.allSettled(
    Array.from({ length: FAN_OUT }, (_, i) =>
      i % 4 === 0
        ? session!.create("queue", { name: `fan-out ${i}` }).then((q) => created.push(String((q as { name?: unknown }).name ?? i)))
        : session!.find("queue", { limit: 5 }),
    ),
  );
  return { results, created, ms: performance.now() - started };
}

const rejected = (results: PromiseSettledResult<unknown>[]) => results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as Error);

async function queueCount(): Promise<number> {
  const reader = new Session(emulatorSessionOptions(emu!.url, "admin")); // its 429s are retried
  const queues = await reader.find("queue", { limit: 10_000 });
  reader.close();
  return queues.length;
}

describe("rate limits", () => {
  it("200 concurrent calls (GET and POST) finish without an error: the SDK retries the emulator's 429s after Retry-After", async () => {
    const emulator = await limitedEmulator(FIGURES);
    const before = await queueCount();
    const { results, created } = await fanOut({});
    expect(rejected(results)).toEqual([]);
    expect(emulator.refused()).toBeGreaterThan(0);
    expect(await queueCount()).toBe(before + created.length);
    expect(created).toHaveLength(FAN_OUT / 4);
  }, 30_000);

  it("without the SDK's retries the same fan-out meets 429s, and a refused create did nothing", async () => {
    const emulator = await limitedEmulator(FIGURES);
    const before = await queueCount();
    const { results, created } = await fanOut({ rateLimitRetries: 0 });
    const errors = rejected(results);
    expect(errors.length).toBeGreaterThan(FAN_OUT / 4);
    expect(errors.every((e) => e instanceof AccsynRateLimitError)).toBe(true);
    expect(errors[0]).toMatchObject({ status: 429, code: "ACCSYN_RATE_LIMIT", retryAfterMs: 1000 });
    expect(errors[0]!.message).toMatch(/too many requests \(HTTP 429\).*maxRequestsPerSecond/);
    expect(emulator.refused()).toBe(errors.length);
    expect(await queueCount()).toBe(before + created.length);
    expect(created.length).toBeLessThan(FAN_OUT / 4);
  }, 30_000);

  it("maxRequestsPerSecond keeps the fan-out under the limit: no 429 at all", async () => {
    const emulator = await limitedEmulator(FIGURES);
    // maxSockets as the README pairs it: under load answers slow down and, uncapped, the calls in
    // flight opened more than the emulator's 100 connections per IP (a 429 for connections, seen once)
    const { results, ms } = await fanOut({ maxRequestsPerSecond: 80, maxBurst: 40, maxSockets: 50, rateLimitRetries: 0 });
    expect(rejected(results)).toEqual([]);
    expect(emulator.refused()).toBe(0);
    expect(ms).toBeGreaterThan(((FAN_OUT - 40) / 80) * 1000 * 0.9);
  }, 30_000);

  it("the core README's fan-out example works however many calls it is given: the queue wait far exceeds the call budget", async () => {
    // 300 getEntity at 40/s take ~7.5 s in the session's queue; each call's budget is 4 s
    const seed = { ...DEMO_SEED, jobs: Array.from({ length: 30 }, (_, i) => ({ code: `fan-out-${i}` })) };
    let refused = 0;
    emu = await startEmulator({ port: 0, seed, rateLimit: { requestsPerSecond: 40, burst: 80 }, jobs: { run: false }, log: (line) => void (line.includes(" 429 ") && refused++) });
    session = new Session({ ...emulatorSessionOptions(emu.url, "admin"), maxRequestsPerSecond: 40, maxBurst: 20, maxSockets: 20, timeoutMs: 3_000, connectTimeoutMs: 1_000 });
    const jobIds = (await session.find("job")).map((job) => job.id);
    const ids = Array.from({ length: 300 }, (_, i) => jobIds[i % jobIds.length]!);
    const started = performance.now();
    const results = await Promise.allSettled(ids.map((id) => session!.getEntity("job", id)));
    const ms = performance.now() - started;
    console.log(`README fan-out: 300 calls in ${Math.round(ms)} ms, ${refused} answers 429, ${rejected(results).length} errors`);
    expect(rejected(results)).toEqual([]);
    expect(results.map((r) => (r as PromiseFulfilledResult<{ id: string }>).value.id)).toEqual(ids);
    expect(ms).toBeGreaterThan(1.5 * 4_000);
  }, 60_000);

  it("maxSockets keeps the connections under the emulator's per-IP cap", async () => {
    const emulator = await limitedEmulator({ requestsPerSecond: 10_000, burst: 10_000, maxConnections: 8 });
    const capped = await fanOut({ maxSockets: 8, rateLimitRetries: 0 });
    expect(rejected(capped.results)).toEqual([]);
    expect(emulator.refused()).toBe(0);
    session!.close();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the emulator sees the closed sockets go
    const uncapped = await fanOut({ rateLimitRetries: 0 });
    expect(rejected(uncapped.results).length).toBeGreaterThan(0);
    expect(rejected(uncapped.results)[0]!.message).toMatch(/HTTP 429/);
  }, 30_000);

  it("the emulator bin enforces the service's figures with --rate-limit: 429, Retry-After, a JSON message", async () => {
    const bin = bundleEmulatorBin();
    const child = await startEmulatorProcess(bin, ["--rate-limit"]);
    try {
      const login = () => fetch(`${child.url}/api/v3/api/login`, { method: "PUT", headers: { authorization: "basic x:y" }, body: "{}" });
      const started = performance.now();
      const answers = await Promise.all(Array.from({ length: 150 }, login));
      const refilled = Math.ceil(((performance.now() - started) / 1000) * 30);
      const limited = answers.filter((a) => a.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(150 - 60 - refilled);
      expect(limited.length).toBeLessThanOrEqual(150 - 60);
      expect(answers.filter((a) => a.status !== 429).every((a) => a.status === 401)).toBe(true);
      expect(limited[0]!.headers.get("retry-after")).toBe("1");
      expect(await limited[0]!.json()).toEqual({ message: expect.stringMatching(/at most 30 requests\/s \(bursts of 60\)/) });
    } finally {
      await child.stop();
      removeBundle(bin);
    }
  }, 30_000);
});
