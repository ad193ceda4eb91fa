import type { LogOptions } from "./log.js";

/** How to reach and authenticate with an accsyn workspace. Every field is optional. */
export interface SessionOptions extends LogOptions {
  /** Workspace code; else `ACCSYN_WORKSPACE`, `ACCSYN_DOMAIN`, `ACCSYN_ORG`. */
  workspace?: string;
  /** @deprecated Use `workspace`. */
  domain?: string;
  /** User e-mail; else `ACCSYN_API_USER`. */
  username?: string;
  /** API key; else `ACCSYN_API_KEY`. Never logged. */
  apiKey?: string;
  /** Backend host; when given, workspace resolution through the registry is skipped. */
  hostname?: string;
  /** Backend port; default 443 (https) or 80 (http). */
  port?: number;
  /** `"https"` (default) or `"http"` (a local backend or an accsyn proxy daemon). */
  protocol?: "https" | "http";
  /** Where workspaces are resolved; default `https://master.accsyn.com`. */
  registry?: string;
  /** `accsyn:host:port`, `host:port`, `host`, `socks:host:port` or `socks5:host:port`; else `ACCSYN_PROXY`. */
  proxy?: string;
  /** Time to wait for an answer, in ms (default 120,000). */
  timeoutMs?: number;
  /** Time to wait for a connection, TLS included, in ms (default 10,000). */
  connectTimeoutMs?: number;
  /** A `.env` file with credentials; else `ACCSYN_CREDENTIALS_PATH`, else `./.env` when present. */
  envFile?: string;
  /** Accept any TLS certificate. Unsafe: only for a backend you trust on a network you trust. */
  insecureTls?: boolean;
  /** Extra trusted CA certificate(s), PEM. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** How many times a GET is retried on connection errors and 502/503/504 (default 2). */
  retries?: number;
  /** First retry delay in ms, doubled on each retry (default 200). */
  retryDelayMs?: number;
  /**
   * How many times a call refused with HTTP 429 (too many requests) is sent again, after the
   * answer's `Retry-After` (default 20; the call's time budget bounds them too). Any method: a 429
   * proves nothing was done. 0 turns it off.
   */
  rateLimitRetries?: number;
  /**
   * Keep this session under a request rate (a token bucket, every attempt counted) instead of
   * meeting the service's limit: it allows 30 requests/s sustained, bursts of 60. Off by default.
   */
  maxRequestsPerSecond?: number;
  /** Requests that may start at once under `maxRequestsPerSecond` (default: `maxRequestsPerSecond`). */
  maxBurst?: number;
  /** Most connections open at once to the backend (default: no cap; the service allows 100 per IP address). */
  maxSockets?: number;
  /**
   * The environment to read instead of `process.env` (tests, multi-tenant tools). When given, it is
   * the only environment the session reads: credentials, `ACCSYN_*`, `AS_DEV`, and the proxy
   * variables `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`/`NO_PROXY`.
   */
  env?: Record<string, string | undefined>;
}

/** Per-call options accepted by every method. */
export interface CallOptions {
  /** Cancels the call; it rejects with an `AccsynAbortError` and frees its socket. */
  signal?: AbortSignal;
  /**
   * Leave the items of a large answer's lists (past 4 MiB, decoded while they arrive) undecoded:
   * each is then a `LazyItem` to `decode()` when read, so that walking a big page one entity
   * at a time keeps memory flat. Smaller answers are decoded as usual. `iterate` uses this.
   */
  lazyItems?: boolean;
}

/** Default time to wait for an answer (ms), as the reference client. */
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Default time to wait for a connection (ms), as the reference client. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Default registry that resolves workspaces to hosts. */
export const DEFAULT_REGISTRY = "https://master.accsyn.com";
/** Default retries of a call refused with HTTP 429. */
export const DEFAULT_RATE_LIMIT_RETRIES = 20;
