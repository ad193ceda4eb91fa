/**
 * Proxy settings in the reference client's forms, and the HTTP agents that carry the traffic.
 */
import http from "node:http";
import https from "node:https";
import { AccsynValidationError } from "./errors.js";
import { HttpProxyForwardAgent } from "./http-proxy-forward.js";
import { proxyForUrl, type Environment } from "./proxy-env.js";

/** A parsed `proxy` / `ACCSYN_PROXY` value. */
export type ProxySetting =
  /** An accsyn proxy daemon, connected to in place of the backend. */
  | { kind: "accsyn"; host: string; port: number }
  /** A SOCKS proxy; TLS to the backend stays end to end through the tunnel. */
  | { kind: "socks"; host: string; port: number; url: string };

const SOCKS_SCHEMES = new Set(["socks", "socks5", "socks5h", "socks4", "socks4a"]);

/** Parses a proxy setting; throws {@link AccsynValidationError} for an unknown type. */
export function parseProxy(value: string): ProxySetting {
  const text = value.trim();
  const urlForm = /^([a-z0-9]+):\/\/([^:/]+)(?::(\d+))?\/?$/i.exec(text);
  const parts = urlForm ? [urlForm[1]!, urlForm[2]!, ...(urlForm[3] ? [urlForm[3]] : [])] : text.split(":");
  const portOf = (raw: string | undefined, fallback: number): number => {
    if (raw === undefined || raw === "") return fallback;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new AccsynValidationError(`Invalid proxy port "${raw}" in "${value}": use a number from 1 to 65535.`);
    }
    return port;
  };
  const invalid = () =>
    new AccsynValidationError(
      `Invalid proxy setting "${value}": use accsyn:<host>:<port>, <host>:<port>, socks:<host>:<port> or socks5:<host>:<port>.`,
    );
  if (parts.length === 1 && parts[0]) return { kind: "accsyn", host: parts[0], port: 80 };
  if (parts.length === 2 && /^\d+$/.test(parts[1] ?? "") && parts[0]) {
    return { kind: "accsyn", host: parts[0], port: portOf(parts[1], 80) };
  }
  const [scheme, host, port] = parts;
  if (!scheme || !host || parts.length > 3) throw invalid();
  const type = scheme.toLowerCase();
  if (type === "accsyn") return { kind: "accsyn", host, port: portOf(port, 80) };
  if (SOCKS_SCHEMES.has(type)) {
    const p = portOf(port, 1080);
    const protocol = type === "socks" || type === "socks5" ? "socks5h" : type;
    return { kind: "socks", host, port: p, url: `${protocol}://${host}:${p}` };
  }
  throw invalid();
}

/** TLS and proxy settings for {@link createAgents}. */
export interface AgentOptions {
  proxy: ProxySetting | undefined;
  /** Where `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`/`NO_PROXY` are read: the session's environment. */
  env: Environment;
  /** The host the agents connect to (a transport has one): the proxy is chosen for it. */
  host: string;
  port: number;
  /** Most sockets open at once per host (default: no cap). */
  maxSockets?: number | undefined;
  /** Idle keep-alive sockets are closed after this many ms (below common server keep-alive timeouts). */
  freeSocketTimeoutMs?: number;
}

/** The agents a session uses: one keep-alive pool per protocol. */
export interface Agents {
  http: http.Agent;
  https: https.Agent;
  /** Closes every pooled socket. */
  destroy(): void;
}

/** Options of a keep-alive pool. */
type PoolOptions = http.AgentOptions;

/**
 * Builds keep-alive agents for one host. A SOCKS setting, or the proxy the standard
 * `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY` variables of the session's environment name for that
 * host (unless `NO_PROXY` exempts it), routes each protocol through its proxy agent; otherwise
 * plain pooled sockets.
 */
export async function createAgents({ proxy, env, host, port, maxSockets, freeSocketTimeoutMs = 4_000 }: AgentOptions): Promise<Agents> {
  const pool: PoolOptions = { keepAlive: true, timeout: freeSocketTimeoutMs, scheduling: "lifo", ...(maxSockets === undefined ? {} : { maxSockets }) };
  const authority = `${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
  const proxyFor = (scheme: "http" | "https"): string => (proxy?.kind === "socks" ? proxy.url : proxyForUrl(`${scheme}://${authority}`, env));
  const httpProxy = proxyFor("http");
  const httpsProxy = proxyFor("https");
  const httpAgent = httpProxy ? await proxyAgent(httpProxy, false, pool) : new http.Agent(pool);
  const httpsAgent = httpsProxy ? ((await proxyAgent(httpsProxy, true, pool)) as https.Agent) : new https.Agent(pool);
  return {
    http: httpAgent,
    https: httpsAgent,
    destroy: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/**
 * The agent for one proxy and one protocol: plain HTTP through an HTTP proxy is forwarded with
 * absolute URLs ({@link HttpProxyForwardAgent}); everything else comes from `proxy-agent`'s
 * family, used directly rather than through `ProxyAgent` (whose own keep-alive pool handed a
 * reused proxy socket a relative path): a CONNECT tunnel (`https-proxy-agent`) for TLS, SOCKS, or
 * a PAC script. `proxy-agent` is loaded only then, which keeps it out of the SDK's start-up time.
 */
async function proxyAgent(url: string, secure: boolean, pool: PoolOptions): Promise<http.Agent> {
  const scheme = url.slice(0, Math.max(0, url.indexOf(":"))).toLowerCase();
  if (!secure && (scheme === "http" || scheme === "https")) return new HttpProxyForwardAgent(new URL(url), pool);
  const { proxies } = await import("proxy-agent");
  const loaders = (proxies as Record<string, (typeof proxies)[keyof typeof proxies] | undefined>)[scheme];
  if (!loaders) {
    throw new AccsynValidationError(
      `Unsupported proxy "${withoutCredentials(url)}": use http://, https://, socks5:// (socks4://, socks5h://) or pac+<url> in HTTPS_PROXY/HTTP_PROXY/ALL_PROXY.`,
    );
  }
  const ProxyAgentClass = await loaders[secure ? 1 : 0]();
  return new ProxyAgentClass(url, pool) as unknown as http.Agent;
}

/** A proxy URL for a message: any user and password left out. */
function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^/@]*@/, "//");
}
