/**
 * Call events (`session.on`) against the emulator: the events of a call that waited out a 429,
 * a failed call's error class, listener isolation, and no secret (key, its base64, the session id)
 * in any event of any kind.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccsynApiError, AccsynNetworkError, Session } from "@accsyn/api";
import { DEMO_SEED, type RunningEmulator, seedBuilder, startEmulator } from "@accsyn/emulator";

const API_KEY = "sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
const FORMS = [API_KEY, Buffer.from(API_KEY).toString("base64"), encodeURIComponent(API_KEY)];

let emu: RunningEmulator;
beforeAll(async () => {
  const seed = seedBuilder(DEMO_SEED).user("ops@acme.test", { role: "admin", api_key: API_KEY }).build();
  // bursts of 2, one token back every 2 s: the login and one call pass, the next call (sent well within
  // 2 s) waits out a 429; each test starts from reset(), which refills the bucket (no sleeping)
  emu = await startEmulator({ port: 0, seed, rateLimit: { requestsPerSecond: 0.5, burst: 2 }, jobs: { run: false } });
});
beforeEach(async () => emu.reset());
afterAll(async () => emu.stop());

function session(extra: Record<string, unknown> = {}): Session {
  const url = new URL(emu.url);
  return new Session({ workspace: emu.workspace, username: "ops@acme.test", apiKey: API_KEY, hostname: url.hostname, port: Number(url.port), protocol: "http", env: {}, ...extra });
}

type Recorded = { name: string; event: Record<string, unknown> };
function record(s: Session): Recorded[] {
  const seen: Recorded[] = [];
  for (const name of ["request", "response", "retry", "rateLimited", "error"] as const) s.on(name, (event) => seen.push({ name, event: { ...event } }));
  return seen;
}

describe("call events", () => {
  it("tell a listener every step of a call that waited out a 429", async () => {
    const s = session();
    const seen = record(s);
    await s.login();
    await s.find("User");
    await s.find("Transfer"); // over the burst: 429 with Retry-After, then answered
    const last = seen.filter((r) => r.event.callId === seen.at(-1)!.event.callId);
    console.log("events of the call that waited out a 429:\n" + last.map((r) => `${r.name} ${JSON.stringify(r.event)}`).join("\n"));
    expect(last.map((r) => r.name)).toEqual(["request", "rateLimited", "retry", "request", "response"]);
    expect(last[0]!.event).toMatchObject({ operation: "transfer/find", method: "GET", attempt: 1, host: "127.0.0.1", port: emu.port, url: `${emu.url}/api/v3/event` });
    expect(last[1]!.event).toMatchObject({ attempt: 1, status: 429 });
    expect(last[1]!.event.waitMs).toBeGreaterThanOrEqual(1000); // Retry-After (whole seconds, at least 1)
    expect(last[2]!.event).toEqual(last[1]!.event); // the same wait, reported as a retry too
    expect(last[3]!.event).toMatchObject({ attempt: 2 });
    expect(last[4]!.event).toMatchObject({ attempt: 2, status: 200 });
    expect(last[4]!.event.durationMs).toBeGreaterThanOrEqual(last[1]!.event.waitMs as number);
    expect(last[4]!.event.attemptMs).toBeLessThan(last[4]!.event.durationMs as number);
    expect(last[4]!.event.bytesIn).toBeGreaterThan(2);
    expect(last[4]!.event.bytesOut).toBeGreaterThan(50);
    expect(seen[0]!.event).toMatchObject({ operation: "api/login", method: "PUT", callId: 1 });
    s.close();
  }, 20_000);

  it("name the error class of a failed call, after its answer", async () => {
    const s = session();
    await s.login();
    const seen = record(s);
    const thrown = await s.update("transfer", "0123456789abcdef01234567", { status: "paused" }).catch((e: unknown) => e as AccsynApiError);
    expect(thrown).toBeInstanceOf(AccsynApiError);
    expect(seen.map((r) => r.name)).toEqual(["request", "response", "error"]);
    expect(seen[2]!.event).toMatchObject({ operation: "transfer/edit", method: "PUT", attempts: 1, status: thrown.status, errorClass: "AccsynApiError", message: thrown.message });
    s.close();
    const refused = session({ port: 1, retries: 0 });
    const failures = record(refused);
    await expect(refused.find("User")).rejects.toBeInstanceOf(AccsynNetworkError);
    expect(failures.map((r) => r.name)).toEqual(["request", "error"]);
    expect(failures[1]!.event).toMatchObject({ operation: "api/login", errorClass: "AccsynNetworkError", errorCode: "ECONNREFUSED" });
  }, 20_000);

  it("go on when a listener throws, and stop for a listener taken off", async () => {
    const warnings: string[] = [];
    const s = session({ logger: { warn: (m: string) => warnings.push(m) } });
    let count = 0;
    const counter = (): void => void (count += 1);
    s.on("response", () => {
      throw new Error("listener bug");
    });
    s.on("response", counter);
    await s.login();
    expect(count).toBe(1);
    expect(warnings.join("\n")).toContain("'response' call-event listener threw (the call went on): listener bug");
    s.off("response", counter);
    await s.find("Queue");
    expect(count).toBe(1);
    s.close();
  }, 20_000);

  it("never carry the key, its base64 or the session id", async () => {
    const s = session({ verbose: false });
    const texts: string[] = [];
    const kinds = new Set<string>();
    for (const name of ["request", "response", "retry", "rateLimited", "error"] as const) {
      s.on(name, (e) => {
        kinds.add(name);
        texts.push(JSON.stringify(e), inspect(e, { depth: 5, showHidden: true }));
      });
    }
    const { sessionId } = await s.login();
    await s.find("User").catch(() => undefined);
    await s.find("Transfer").catch(() => undefined); // 429, retried
    await s.update("transfer", "0123456789abcdef01234567", { status: "paused" }).catch(() => undefined); // refused: an error event
    const all = texts.join("\n");
    expect(kinds).toEqual(new Set(["request", "response", "retry", "rateLimited", "error"])); // every kind was checked
    expect(texts.length).toBeGreaterThan(8);
    expect(FORMS.filter((form) => all.includes(form))).toEqual([]);
    expect(sessionId.length).toBeGreaterThan(8);
    expect(all).not.toContain(sessionId);
    expect(all).not.toMatch(/authorization|session/i);
    s.close();
  }, 20_000);
});
