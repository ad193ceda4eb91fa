/**
 * The standard proxy variables (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, in either
 * case, lower case first) read from a given environment: the session's `env` option when it was
 * given, else `process.env`. `proxy-from-env` follows the same rules but reads only `process.env`.
 */

/** An environment to read variables from. */
export type Environment = Record<string, string | undefined>;

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

function variable(env: Environment, name: string): string {
  return env[name.toLowerCase()] || env[name.toUpperCase()] || "";
}

/** True when `NO_PROXY` exempts `host:port` (exact names, `.suffix` / `*.suffix`, optional `:port`, or `*`). */
function exempt(env: Environment, host: string, port: number): boolean {
  const noProxy = variable(env, "no_proxy").toLowerCase();
  if (!noProxy) return false;
  if (noProxy === "*") return true;
  return noProxy.split(/[,\s]/).some((entry) => {
    if (!entry) return false;
    const withPort = /^(.+):(\d+)$/.exec(entry);
    const name = withPort ? withPort[1]! : entry;
    if (withPort && Number(withPort[2]) !== port) return false;
    if (!/^[.*]/.test(name)) return host === name;
    return host.endsWith(name.replace(/^\*/, ""));
  });
}

/** The proxy URL for a request to `url` under `env`, or `""` for a direct connection. */
export function proxyForUrl(url: string | URL, env: Environment): string {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    return "";
  }
  const scheme = parsed.protocol.replace(/:$/, "");
  const host = parsed.host.replace(/:\d*$/, "").toLowerCase();
  const port = Number(parsed.port) || DEFAULT_PORTS[scheme] || 0;
  if (!host || exempt(env, host, port)) return "";
  const proxy = variable(env, `${scheme}_proxy`) || variable(env, "all_proxy");
  return proxy && !proxy.includes("://") ? `${scheme}://${proxy}` : proxy;
}
