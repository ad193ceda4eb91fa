/**
 * Opening a session's connection: the transport to the backend with the session's timeouts,
 * retries, pacing, proxy and TLS settings, and the endpoint (given, or asked of the registry).
 */
import type { Credentials } from "./credentials.js";
import { endpointSettings, resolveThroughRegistry, staticEndpoint, type Endpoint } from "./endpoint.js";
import { DEFAULT_REGISTRY, type SessionOptions } from "./options.js";
import { createAgents, type ProxySetting } from "./proxy.js";
import type { SecretMasker } from "./redact.js";
import type { SessionSettings } from "./session-settings.js";
import { Transport } from "./transport.js";

/** What a session knows before it connects. */
export interface ConnectionPlan {
  options: SessionOptions;
  credentials: Credentials;
  settings: SessionSettings;
  proxy: ProxySetting | undefined;
  masker: SecretMasker;
  /** The `X-Accsyn-Device` header value. */
  device: string;
  debug(message: string): void;
}

/** Where a transport connects. */
interface Target {
  baseUrl: string;
  host: string;
  port: number;
  /** The registry is not paced by the session's rate limit. */
  isRegistry?: boolean;
}

/** Opens a transport with the session's settings. */
export async function openTransport(plan: ConnectionPlan, { baseUrl, host, port, isRegistry = false }: Target): Promise<Transport> {
  const { options, settings } = plan;
  return Transport.open({
    baseUrl,
    host,
    port,
    timeoutMs: settings.timeoutMs,
    connectTimeoutMs: settings.connectTimeoutMs,
    retries: settings.retries,
    rateLimitRetries: settings.rateLimitRetries,
    retryDelayMs: settings.retryDelayMs,
    limiter: isRegistry ? undefined : settings.limiter,
    agents: await createAgents({ proxy: plan.proxy, env: plan.credentials.env, host, port, maxSockets: settings.maxSockets }),
    rejectUnauthorized: !options.insecureTls,
    ca: options.ca,
    masker: plan.masker,
  });
}

/** The base URL of the event API at an endpoint. */
export function apiBaseUrl(endpoint: Endpoint): string {
  return `${endpoint.protocol}://${endpoint.host}:${endpoint.port}/api/v3`;
}

/** The backend's address: from the options or environment when they name it, else from the registry. */
export async function resolveEndpoint(plan: ConnectionPlan, signal: AbortSignal | undefined): Promise<Endpoint> {
  const { options, credentials } = plan;
  const { hostname, port, protocol } = endpointSettings(options, credentials.env);
  const known = staticEndpoint({ hostname, port, protocol, proxy: plan.proxy, env: credentials.env });
  if (known) return known;
  const registryUrl = new URL(options.registry ?? DEFAULT_REGISTRY);
  const registryPort = Number(registryUrl.port) || (registryUrl.protocol === "http:" ? 80 : 443);
  const registry = await openTransport(plan, { baseUrl: `${registryUrl.origin}/api/v3`, host: registryUrl.hostname, port: registryPort, isRegistry: true });
  try {
    return await resolveThroughRegistry(registry, credentials.workspace, plan.device, port, protocol ?? "https", plan.debug, signal);
  } finally {
    registry.close();
  }
}
