/**
 * Proxy settings in the reference client's forms, and the HTTP agents that carry the traffic.
 */
import http from "node:http";
import https from "node:https";
import { AccsynValidationError } from "./errors.js";
import { hasProxyVariables, proxyForUrl, type Environment } from "./proxy-env.js";

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

/**
 * Builds keep-alive agents. A SOCKS setting, or the standard `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`
 * variables of the session's environment (with `NO_PROXY`), route through `proxy-agent`;
 * otherwise plain pooled sockets. `proxy-agent` (with its PAC, SOCKS and HTTP proxy stack) is
 * loaded only then, which keeps it out of the SDK's start-up time.
 */
export async function createAgents({ proxy, env, maxSockets, freeSocketTimeoutMs = 4_000 }: AgentOptions): Promise<Agents> {
  const pool = { keepAlive: true, timeout: freeSocketTimeoutMs, scheduling: "lifo" as const, ...(maxSockets === undefined ? {} : { maxSockets }) };
  if (proxy?.kind === "socks" || hasProxyVariables(env)) {
    const { ProxyAgent } = await import("proxy-agent");
    const socksUrl = proxy?.kind === "socks" ? proxy.url : undefined;
    const agent = new ProxyAgent({
      ...pool,
      getProxyForUrl: socksUrl ? () => socksUrl : (url: string) => proxyForUrl(url, env),
    });
    return {
      http: agent as unknown as http.Agent,
      https: agent as unknown as https.Agent,
      destroy: () => agent.destroy(),
    };
  }
  const httpAgent = new http.Agent(pool);
  const httpsAgent = new https.Agent(pool);
  return {
    http: httpAgent,
    https: httpsAgent,
    destroy: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
