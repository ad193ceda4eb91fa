/**
 * The SDK against a backend that misbehaves over real sockets: every fault rejects with the right
 * AccsynError subclass, within the time budget, naming host/port/uri; GET is retried where the
 * policy says and POST/PUT never; sockets are released.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccsynNetworkError, AccsynProtocolError, Session, type HttpMethod } from "@accsyn/core";
import { startFaultServer, type Fault, type FaultServer } from "../support/fault-server.js";
import { reportFigures } from "../support/reliability-report.js";

let server: FaultServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
/** Fault cases run and those that ended as expected (reported to `pnpm test:reliability`). */
const tally = { tried: 0, handled: 0 };

beforeAll(async () => {
  server = await startFaultServer();
  process.on("unhandledRejection", onUnhandled);
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  reportFigures("faults", { ...tally, unhandledRejections: unhandled.length, openSockets: server.openConnections() });
  await server.close();
});

function session(timeoutMs = 400): Session {
  return new Session({
    workspace: "acme",
    username: "alice@acme.example",
    apiKey: "ak_public_3f9c2e",
    hostname: "127.0.0.1",
    port: server.port,
    protocol: "http",
    timeoutMs,
    connectTimeoutMs: 400,
    retries: 2,
    retryDelayMs: 5,
    env: {},
    logger: {},
  });
}

const cases: Array<[Fault, HttpMethod, new (...args: any[]) => Error, number]> = [
  ["reset", "GET", AccsynNetworkError, 3],
  ["reset", "POST", AccsynNetworkError, 1],
  ["stall-headers", "GET", AccsynNetworkError, -1],
  ["stall-headers", "PUT", AccsynNetworkError, 1],
  ["stall-body", "GET", AccsynNetworkError, -1],
  ["status-500", "GET", AccsynProtocolError, 1],
  ["status-502", "GET", AccsynProtocolError, 3],
  ["status-503", "GET", AccsynProtocolError, 3],
  ["status-504", "GET", AccsynProtocolError, 3],
  ["status-503", "POST", AccsynProtocolError, 1],
  ["status-504", "PUT", AccsynProtocolError, 1],
  ["html", "GET", AccsynProtocolError, 1],
  ["truncated-json", "GET", AccsynProtocolError, 1],
  ["huge-body", "GET", AccsynProtocolError, 1],
  ["wrong-encoding", "GET", AccsynProtocolError, 1],
];

describe("faults", () => {
  it.each(cases)("%s on %s rejects with the right error after the expected attempts", async (fault, method, errorClass, attempts) => {
    tally.tried++;
    // A 50 MB body needs time to arrive on a busy machine: it must fail on content, not on time.
    const timeoutMs = fault === "huge-body" ? 15_000 : 400;
    const client = session(timeoutMs);
    await client.login();
    server.fault = fault;
    const before = server.eventCount;
    const started = Date.now();
    const error = await client.request(method, "job/find", { data: {} }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    client.close();
    expect(error).toBeInstanceOf(errorClass);
    const message = (error as Error).message;
    expect(message).toContain("job/find");
    if (error instanceof AccsynNetworkError) expect(message).toContain(`127.0.0.1:${server.port}`);
    if (attempts > 0) expect(server.eventCount - before).toBe(attempts);
    else expect(server.eventCount - before).toBeGreaterThanOrEqual(1);
    // Each attempt within its budget (plus backoff); generous for a loaded machine, far below a hang.
    expect(elapsed).toBeLessThan(Math.max(1, attempts) * (timeoutMs + 400) + 5_000);
    tally.handled++;
  });

  it("refused connections reject with a network error naming host and port", async () => {
    tally.tried++;
    const client = new Session({ workspace: "a", username: "u@x.y", apiKey: "key1", hostname: "127.0.0.1", port: 1, protocol: "http", env: {}, logger: {}, retries: 0 });
    const error = await client.request("GET", "job/find").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynNetworkError);
    expect((error as Error).message).toMatch(/127\.0\.0\.1:1.*firewall/);
    tally.handled++;
  });

  it("answers without a result pass through to the method, which decides", async () => {
    tally.tried++;
    const client = session();
    server.fault = "no-result";
    await expect(client.request("GET", "job/find")).resolves.toEqual({ status: "ok" });
    client.close();
    tally.handled++;
  });

  it("leaves no unhandled rejection and releases every socket after close()", async () => {
    server.fault = "ok";
    const clients = Array.from({ length: 4 }, () => session());
    await Promise.all(clients.map((c) => c.request("GET", "job/find")));
    for (const client of clients) client.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.openConnections()).toBe(0);
    expect(unhandled).toEqual([]);
  });
});
