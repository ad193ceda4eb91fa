/**
 * Where the backend is: an explicit hostname, development mode (`AS_DEV`), an accsyn proxy
 * daemon, or the registry's answer for the workspace.
 */
import { AccsynProtocolError, AccsynValidationError } from "./errors.js";
import { pythonQuote } from "./event.js";
import { encodeJson } from "./codec.js";
import { judgeAnswer } from "./answer.js";
import type { ProxySetting } from "./proxy.js";
import type { Transport } from "./transport.js";

/** A resolved backend address. */
export interface Endpoint {
  protocol: "https" | "http";
  host: string;
  port: number;
}

/** Inputs to {@link resolveEndpoint} that need no network. */
export interface EndpointInputs {
  hostname: string | undefined;
  port: number | undefined;
  protocol: "https" | "http" | undefined;
  proxy: ProxySetting | undefined;
  env: Record<string, string | undefined>;
}

/** The endpoint options, each else its environment variable (`ACCSYN_HOSTNAME`, `ACCSYN_PORT`, `ACCSYN_PROTOCOL`). */
export interface EndpointSettings {
  hostname?: string | undefined;
  port?: number | undefined;
  protocol?: "https" | "http" | undefined;
}

/**
 * The endpoint settings: options win, else `ACCSYN_HOSTNAME`, `ACCSYN_PORT` and `ACCSYN_PROTOCOL`
 * from the environment (or a `.env` file), like the credentials.
 * @throws AccsynValidationError for a port or protocol variable that cannot be used, naming it.
 */
export function endpointSettings(options: EndpointSettings, env: Record<string, string | undefined>): EndpointSettings {
  const hostname = options.hostname ?? (env.ACCSYN_HOSTNAME?.trim() || undefined);
  let port = options.port;
  const portText = env.ACCSYN_PORT?.trim();
  if (port === undefined && portText) {
    port = /^\d+$/.test(portText) ? Number(portText) : Number.NaN;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new AccsynValidationError(`Invalid ACCSYN_PORT "${portText}": use a whole number from 1 to 65535, or unset it.`);
    }
  }
  let protocol = options.protocol;
  const protocolText = env.ACCSYN_PROTOCOL?.trim().toLowerCase();
  if (protocol === undefined && protocolText) {
    if (protocolText !== "http" && protocolText !== "https") {
      throw new AccsynValidationError(`Invalid ACCSYN_PROTOCOL "${env.ACCSYN_PROTOCOL}": use "https" or "http" (a local backend or an accsyn proxy), or unset it.`);
    }
    protocol = protocolText;
  }
  return { hostname, port, protocol };
}

/** The registry path that resolves workspaces (fixed by the protocol). */
export const REGISTRY_PATH = "J3PKTtDvolDMBtTy6AFGA";

function checkPort(port: number | undefined): number | undefined {
  if (port === undefined) return undefined;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AccsynValidationError(`Invalid port ${String(port)}: use a whole number from 1 to 65535.`);
  }
  return port;
}

/** Resolves the endpoint without the network when possible; `undefined` means ask the registry. */
export function staticEndpoint(inputs: EndpointInputs): Endpoint | undefined {
  const port = checkPort(inputs.port);
  if (inputs.proxy?.kind === "accsyn") {
    return { protocol: inputs.protocol ?? "http", host: inputs.proxy.host, port: inputs.proxy.port };
  }
  const dev = inputs.env.AS_DEV === "true" || inputs.env.AS_DEV === "1";
  if (!inputs.hostname && dev) return { protocol: inputs.protocol ?? "http", host: "127.0.0.1", port: port ?? 8181 };
  if (!inputs.hostname) return undefined;
  const protocol = inputs.protocol ?? "https";
  return { protocol, host: inputs.hostname, port: port ?? (protocol === "https" ? 443 : 80) };
}

/**
 * The port a registry answer names: a number, or the same as text (`"443"`, which the reference
 * client uses as it is); 443 when it names none or nothing usable.
 */
function registryPort(value: unknown): number {
  const port = typeof value === "string" && /^\d{1,5}$/.test(value.trim()) ? Number(value) : value;
  return typeof port === "number" && Number.isInteger(port) && port >= 1 && port <= 65535 ? port : 443;
}

/** Asks the registry where `workspace` lives. */
export async function resolveThroughRegistry(
  registry: Transport,
  workspace: string,
  device: string,
  port: number | undefined,
  protocol: "https" | "http",
  debug: (message: string) => void,
  signal?: AbortSignal,
): Promise<Endpoint> {
  const answer = await registry.send({
    method: "GET",
    path: `${REGISTRY_PATH}?${pythonQuote(encodeJson({ ident: workspace }))}`,
    headers: { "X-Accsyn-Device": device },
    uri: "workspace resolution",
    ...(signal ? { signal } : {}),
  });
  const body = judgeAnswer(answer, { method: "GET", uri: "workspace resolution", workspace, role: undefined, debug, mask: (text) => text });
  const result = body.result as { hostname?: unknown; port?: unknown } | undefined;
  if (!result || typeof result.hostname !== "string" || !result.hostname) {
    throw new AccsynProtocolError(
      `The registry returned no API endpoint hostname for workspace ${workspace}! Check the workspace code, or pass the hostname option.`,
      { uri: "workspace resolution" },
    );
  }
  const resolvedPort = port ?? registryPort(result.port);
  return { protocol, host: result.hostname, port: resolvedPort };
}
