import { afterEach, describe, expect, it } from "vitest";
import { getEventListeners } from "node:events";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { AccsynAbortError, AccsynApiError, AccsynNetworkError, Session } from "@accsyn/core";
import { sessionOptions, startTestServer, type TestServer } from "../../../tests/support/test-server.js";
import { testCertificate } from "../../../tests/support/tls.js";
import { startSocks5Server } from "../../../tests/support/socks5-server.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function server(handler: Parameters<typeof startTestServer>[0], tls?: { key: string; cert: string }): Promise<TestServer> {
  const s = await startTestServer(handler, tls);
  cleanups.push(() => s.close());
  return s;
}

function session(options: ConstructorParameters<typeof Session>[0]): Session {
  const s = new Session(options);
  cleanups.push(() => s.close());
  return s;
}

/** A TCP server that accepts connections and never answers. */
async function silentServer(): Promise<number> {
  const sockets: net.Socket[] = [];
  const s = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => (sockets.forEach((x) => x.destroy()), s.close(() => resolve()))));
  return (s.address() as AddressInfo).port;
}

describe("TLS", () => {
  it("refuses a self-signed certificate by default, with advice", async () => {
    const s = await server(() => undefined, await testCertificate());
    const { options } = sessionOptions(s, { protocol: "https" });
    const error = await session(options).login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynNetworkError);
    expect((error as Error).message).toMatch(/certificate.*`ca` option/);
  });

  it("accepts it when its CA is given", async () => {
    const tls = await testCertificate();
    const s = await server(() => undefined, tls);
    const { options } = sessionOptions(s, { protocol: "https", ca: tls.cert });
    await expect(session(options).login()).resolves.toMatchObject({ role: "admin" });
  });

  it("says the endpoint speaks plain HTTP when a TLS handshake is answered in plain HTTP (EPROTO, wrong version number)", async () => {
    const s = await server(() => undefined);
    const { options } = sessionOptions(s, { protocol: "https" });
    const error = await session(options).login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynNetworkError);
    expect(error).toMatchObject({ networkCode: "EPROTO", host: "127.0.0.1", port: s.port });
    expect((error as Error).message).toMatch(/\(EPROTO\): 127\.0\.0\.1:\d+ answered the TLS handshake in plain HTTP: this endpoint speaks plain HTTP\. Use protocol: "http"/);
  });

  it("accepts it with insecureTls", async () => {
    const s = await server(() => undefined, await testCertificate());
    const { options } = sessionOptions(s, { protocol: "https", insecureTls: true });
    await expect(session(options).login()).resolves.toMatchObject({ role: "admin" });
  });
});

describe("timeouts", () => {
  it("gives up on a server that never answers within the budget", async () => {
    const port = await silentServer();
    const { options } = sessionOptions({ port }, { timeoutMs: 300, connectTimeoutMs: 300 });
    const started = Date.now();
    const error = await session(options).login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynNetworkError);
    expect((error as AccsynNetworkError).networkCode).toBe("ETIMEDOUT");
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    // The 300 ms budget, not the 120 s default: generous for a loaded machine, far below what it excludes.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("gives up on an answer whose body trickles past the budget, and frees the socket", async () => {
    const sockets: net.Socket[] = [];
    const s = net.createServer((socket) => {
      sockets.push(socket);
      socket.once("data", () => {
        socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
        const drip = setInterval(() => socket.write(" "), 50);
        socket.once("close", () => clearInterval(drip));
      });
    });
    await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => (sockets.forEach((x) => x.destroy()), s.close(() => resolve()))));
    const port = (s.address() as AddressInfo).port;
    const { options } = sessionOptions({ port }, { timeoutMs: 300, connectTimeoutMs: 300 });
    const started = Date.now();
    const error = await session(options).login().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynNetworkError);
    expect((error as AccsynNetworkError).networkCode).toBe("ETIMEDOUT");
    expect((error as Error).message).toMatch(/no answer within the time allowed \(connect 300 ms, response 300 ms; 600 ms in all for the call from its first attempt on the wire/);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(10_000); // the trickle would last 100,000 × 50 ms; the default budget is 120 s
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sockets.every((socket) => socket.destroyed)).toBe(true);
  });

  it("gives up on a server that accepts TCP but stalls the TLS handshake", async () => {
    const port = await silentServer();
    const { options } = sessionOptions({ port }, { protocol: "https", timeoutMs: 5_000, connectTimeoutMs: 300 });
    const started = Date.now();
    await expect(session(options).login()).rejects.toBeInstanceOf(AccsynNetworkError);
    expect(Date.now() - started).toBeLessThan(5_000); // the 300 ms connect budget gave up, not the 5 s response one
  });

  it("reports a refused connection with host, port and what to check", async () => {
    const port = await silentServer();
    cleanups.pop()!();
    await new Promise((r) => setTimeout(r, 20));
    const { options } = sessionOptions({ port });
    const error = (await session(options).login().catch((e: unknown) => e)) as AccsynNetworkError;
    expect(error).toBeInstanceOf(AccsynNetworkError);
    expect(error.networkCode).toBe("ECONNREFUSED");
    expect(error.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*firewall`));
  });
});

describe("answers of any status", () => {
  it("keep their body when the server hangs up right after it (small and large, GET and POST)", async () => {
    const filler = "x".repeat(300_000);
    let status = 400;
    const s = await server((req) => {
      if (req.path !== "/api/v3/event") return undefined;
      return { status, body: { message: `No transfer ${status}`, filler: status === 500 ? filler : "" }, hangUpAfter: true };
    });
    const { options } = sessionOptions(s, { retries: 0 });
    const client = session(options);
    for (const next of [400, 500]) {
      status = next;
      await expect(client.request("GET", "transfer/find")).rejects.toThrow(new RegExp(`No transfer ${next}`));
      await expect(client.request("POST", "transfer/create", { data: { a: 1 } })).rejects.toThrow(new RegExp(`No transfer ${next}`));
    }
    expect(s.events()).toHaveLength(4);
  });
});

describe("retries", () => {
  it("retries a GET on 502/503/504 and succeeds", async () => {
    let failures = 2;
    const s = await server((req) => {
      if (req.path !== "/api/v3/event") return undefined;
      return failures-- > 0 ? { status: 503, body: "busy", contentType: "text/plain" } : { body: { result: "ok" } };
    });
    const { options } = sessionOptions(s, { retries: 2, retryDelayMs: 10 });
    await expect(session(options).request("GET", "job/find")).resolves.toEqual({ result: "ok" });
    expect(s.events()).toHaveLength(3);
  });

  it("retries a GET whose connection was reset", async () => {
    let resets = 1;
    const s = await server((req) => {
      if (req.path !== "/api/v3/event") return undefined;
      return resets-- > 0 ? { destroy: true } : { body: { result: 1 } };
    });
    const { options } = sessionOptions(s, { retries: 2, retryDelayMs: 10 });
    await expect(session(options).request("GET", "job/find")).resolves.toEqual({ result: 1 });
    expect(s.events()).toHaveLength(2);
  });

  it("never retries POST or PUT", async () => {
    const s = await server((req) => (req.path === "/api/v3/event" ? { status: 503, body: { message: "busy" } } : undefined));
    const { options } = sessionOptions(s, { retries: 3, retryDelayMs: 10 });
    const client = session(options);
    await expect(client.request("POST", "job/create", { data: { a: 1 } })).rejects.toBeInstanceOf(AccsynApiError);
    await expect(client.request("PUT", "job/edit", { data: { a: 1 } })).rejects.toBeInstanceOf(AccsynApiError);
    expect(s.events()).toHaveLength(2);
  });
});

describe("cancellation", () => {
  it("rejects at once with an abort error and frees the socket", async () => {
    const s = await server((req) => (req.path === "/api/v3/event" ? { delayMs: 5_000, body: {} } : undefined));
    const client = session(sessionOptions(s).options);
    await client.login();
    const controller = new AbortController();
    const pending = client.request("GET", "job/find", {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynAbortError);
    expect(Date.now() - started).toBeLessThan(5_000); // rejected before the server's answer (5 s) could come
  });

  it("leaves no listener on a signal shared by many calls (a watch, a long script)", async () => {
    const s = await server(() => undefined);
    const client = session(sessionOptions(s).options);
    const controller = new AbortController();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    cleanups.push(() => process.off("warning", onWarning));
    for (let i = 0; i < 25; i++) await client.request("GET", "job/find", {}, { signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });

  it("rejects immediately when the signal is already aborted", async () => {
    const s = await server(() => undefined);
    const client = session(sessionOptions(s).options);
    await expect(client.request("GET", "job/find", {}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AccsynAbortError);
  });
});

describe("proxies", () => {
  it("carries HTTPS traffic through a SOCKS5 proxy with TLS end to end", async () => {
    const tls = await testCertificate();
    const s = await server((req) => (req.path === "/api/v3/event" ? { body: { result: "via socks" } } : undefined), tls);
    const socks = await startSocks5Server();
    cleanups.push(() => socks.close());
    const { options } = sessionOptions(s, { protocol: "https", ca: tls.cert, proxy: `socks5:127.0.0.1:${socks.port}` });
    await expect(session(options).request("GET", "job/find")).resolves.toEqual({ result: "via socks" });
    expect(socks.connections).toContain(`127.0.0.1:${s.port}`);
  });

  it("talks plain HTTP to an accsyn proxy daemon in place of the backend", async () => {
    const s = await server((req) => (req.path === "/api/v3/event" ? { body: { result: "daemon" } } : undefined));
    const { options } = sessionOptions(s, { hostname: undefined, port: undefined, protocol: undefined, proxy: `accsyn:127.0.0.1:${s.port}` });
    await expect(session(options).request("GET", "job/find")).resolves.toEqual({ result: "daemon" });
  });

  it("refuses an unknown proxy type with the accepted forms", () => {
    expect(() => new Session({ ...sessionOptions({ port: 1 }).options, proxy: "ftp:host:21" })).toThrowError(/socks5:<host>:<port>/);
  });
});
