/**
 * The standard proxy variables come from the session's environment: the `env` option when it is
 * given (then nothing is read from `process.env`), else `process.env`. Real CONNECT and HTTP
 * proxies (the `proxy` package) on loopback ports.
 */
import { afterEach, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createProxy } from "proxy";
import { Session } from "@accsyn/core";
import { proxyForUrl } from "../src/proxy-env.js";
import { sessionOptions, startTestServer, type TestServer } from "../../../tests/support/test-server.js";
import { testCertificate } from "../../../tests/support/tls.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A real proxy on a free port; records CONNECT tunnels and any plain-HTTP request it forwards. */
async function startProxy(authorization?: string): Promise<{ url: string; seen: string[] }> {
  const proxy = createProxy(http.createServer());
  if (authorization) proxy.authenticate = (req) => req.headers["proxy-authorization"] === authorization;
  const seen: string[] = [];
  proxy.on("connect", (req: http.IncomingMessage) => seen.push(`CONNECT ${req.url ?? ""}`));
  proxy.on("request", (req: http.IncomingMessage) => seen.push(`${req.method} ${req.url ?? ""}`));
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => (proxy.closeAllConnections(), proxy.close(() => resolve()))));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, seen };
}

async function backend(tls?: { key: string; cert: string }): Promise<TestServer> {
  const s = await startTestServer((req) => (req.path === "/api/v3/event" ? { body: { result: "answered" } } : undefined), tls);
  cleanups.push(() => s.close());
  return s;
}

async function call(options: ConstructorParameters<typeof Session>[0]): Promise<unknown> {
  const session = new Session(options);
  try {
    return await session.request("GET", "job/find");
  } finally {
    session.close();
  }
}

/** Sets process.env variables for the duration of `run`. */
async function withProcessEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  try {
    return await run();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe("proxy variables and the env option", () => {
  it("tunnels HTTPS through the CONNECT proxy that HTTPS_PROXY names in the env option", async () => {
    const tls = await testCertificate();
    const s = await backend(tls);
    const proxy = await startProxy();
    const { options } = sessionOptions(s, { protocol: "https", ca: tls.cert, env: { HTTPS_PROXY: proxy.url } });
    await expect(call(options)).resolves.toEqual({ result: "answered" });
    expect(proxy.seen).toContain(`CONNECT 127.0.0.1:${s.port}`);
  });

  it("takes https_proxy in lower case from the env option too", async () => {
    const tls = await testCertificate();
    const s = await backend(tls);
    const proxy = await startProxy();
    const { options } = sessionOptions(s, { protocol: "https", ca: tls.cert, env: { https_proxy: proxy.url } });
    await expect(call(options)).resolves.toEqual({ result: "answered" });
    expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${s.port}`]);
  });

  it("reads no proxy variable from process.env when the env option is given", async () => {
    const tls = await testCertificate();
    const s = await backend(tls);
    const proxy = await startProxy();
    const { options } = sessionOptions(s, { protocol: "https", ca: tls.cert, env: {} });
    const answer = await withProcessEnv({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, ALL_PROXY: proxy.url }, () => call(options));
    expect(answer).toEqual({ result: "answered" });
    expect(proxy.seen).toEqual([]);
  });

  it("ignores process.env NO_PROXY too: the env option's HTTPS_PROXY applies", async () => {
    const tls = await testCertificate();
    const s = await backend(tls);
    const proxy = await startProxy();
    const { options } = sessionOptions(s, { protocol: "https", ca: tls.cert, env: { HTTPS_PROXY: proxy.url } });
    await withProcessEnv({ NO_PROXY: "127.0.0.1" }, () => call(options));
    expect(proxy.seen).toContain(`CONNECT 127.0.0.1:${s.port}`);
  });

  it("honours NO_PROXY from the env option (host, host:port, suffix)", async () => {
    const tls = await testCertificate();
    const s = await backend(tls);
    const proxy = await startProxy();
    for (const noProxy of ["127.0.0.1", `localhost, 127.0.0.1:${s.port}`, ".0.0.1"]) {
      const { options } = sessionOptions(s, { protocol: "https", ca: tls.cert, env: { HTTPS_PROXY: proxy.url, NO_PROXY: noProxy } });
      await expect(call(options)).resolves.toEqual({ result: "answered" });
    }
    expect(proxy.seen).toEqual([]);
  });

  it("reads HTTPS_PROXY from process.env when no env option is given", async () => {
    const tls = await testCertificate();
    const s = await backend(tls);
    const proxy = await startProxy();
    const { options } = sessionOptions(s, { protocol: "https", ca: tls.cert });
    delete (options as { env?: unknown }).env;
    const answer = await withProcessEnv({ HTTPS_PROXY: proxy.url, NO_PROXY: "", no_proxy: "" }, () => call(options));
    expect(answer).toEqual({ result: "answered" });
    expect(proxy.seen).toContain(`CONNECT 127.0.0.1:${s.port}`);
  });
});

describe("many calls through a real proxy on one keep-alive session", () => {
  /** `count` calls on one session, eight at a time, then `count` one after another. */
  async function manyCalls(options: ConstructorParameters<typeof Session>[0], count: number): Promise<unknown[]> {
    const session = new Session(options);
    try {
      const answers: unknown[] = await Promise.all(Array.from({ length: count }, () => session.request("GET", "job/find")));
      for (let i = 0; i < count; i++) answers.push(await session.request("PUT", "job/update", { data: { i } }));
      return answers;
    } finally {
      session.close();
    }
  }

  it("plain HTTP through HTTP_PROXY: every call (not only the first) reaches the backend with an absolute URL", async () => {
    const s = await backend();
    const proxy = await startProxy();
    const { options } = sessionOptions(s, { env: { HTTP_PROXY: proxy.url } });
    const answers = await manyCalls(options, 40);
    expect(answers).toEqual(Array.from({ length: 80 }, () => ({ result: "answered" })));
    const sent = proxy.seen.filter((line) => !line.includes("/api/login"));
    expect(sent).toHaveLength(80);
    expect(sent.every((line) => line.startsWith(`GET http://127.0.0.1:${s.port}/api/v3/event?`) || line === `PUT http://127.0.0.1:${s.port}/api/v3/event`)).toBe(true);
    expect(s.events()).toHaveLength(80);
  });

  it("plain HTTP through a proxy that wants a user and password (from the proxy URL)", async () => {
    const s = await backend();
    const proxy = await startProxy(`Basic ${Buffer.from("scott:tiger&co").toString("base64")}`);
    const { options } = sessionOptions(s, { env: { HTTP_PROXY: proxy.url.replace("http://", "http://scott:tiger%26co@") } });
    expect(await manyCalls(options, 5)).toEqual(Array.from({ length: 10 }, () => ({ result: "answered" })));
    expect(s.events()).toHaveLength(10);
  });

  it("TLS through HTTPS_PROXY: every call tunnels, the tunnels are reused", async () => {
    const tls = await testCertificate();
    const s = await backend(tls);
    const proxy = await startProxy();
    const { options } = sessionOptions(s, { protocol: "https", ca: tls.cert, env: { HTTPS_PROXY: proxy.url } });
    const answers = await manyCalls(options, 40);
    expect(answers).toEqual(Array.from({ length: 80 }, () => ({ result: "answered" })));
    expect(s.events()).toHaveLength(80);
    const tunnels = proxy.seen.filter((line) => line === `CONNECT 127.0.0.1:${s.port}`);
    expect(tunnels.length).toBeGreaterThan(0);
    expect(tunnels.length).toBeLessThanOrEqual(41);
    expect(proxy.seen.every((line) => line.startsWith("CONNECT "))).toBe(true);
  });
});

describe("proxyForUrl", () => {
  it("follows the proxy-from-env rules on the given environment only", () => {
    const url = "https://acme.accsyn.com/api/v3/event";
    expect(proxyForUrl(url, {})).toBe("");
    expect(proxyForUrl(url, { HTTPS_PROXY: "http://p:3128" })).toBe("http://p:3128");
    expect(proxyForUrl(url, { https_proxy: "http://lower:1", HTTPS_PROXY: "http://upper:2" })).toBe("http://lower:1");
    expect(proxyForUrl(url, { ALL_PROXY: "socks5://s:1080" })).toBe("socks5://s:1080");
    expect(proxyForUrl(url, { HTTP_PROXY: "http://p:3128" })).toBe("");
    expect(proxyForUrl(url, { HTTPS_PROXY: "p:3128" })).toBe("https://p:3128");
    expect(proxyForUrl(url, { HTTPS_PROXY: "http://p:3128", NO_PROXY: "*" })).toBe("");
    expect(proxyForUrl(url, { HTTPS_PROXY: "http://p:3128", NO_PROXY: "*.accsyn.com" })).toBe("");
    expect(proxyForUrl(url, { HTTPS_PROXY: "http://p:3128", NO_PROXY: "acme.accsyn.com:8443" })).toBe("http://p:3128");
    expect(proxyForUrl(url, { HTTPS_PROXY: "http://p:3128", no_proxy: "other.com acme.accsyn.com:443" })).toBe("");
    expect(proxyForUrl("not a url", { HTTPS_PROXY: "http://p:3128" })).toBe("");
  });
});
