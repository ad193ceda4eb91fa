/**
 * What to do about a failure below HTTP, in words: one sentence per kind of failure (refused,
 * unresolved, timed out, reset, plain HTTP spoken to a TLS handshake, an unverifiable
 * certificate), naming host and port. Shared by the SDK's errors and the CLI.
 */

/** An error, or what is known of one: its code and text and those of its cause. */
export interface FailureShape {
  code?: unknown;
  networkCode?: unknown;
  message?: unknown;
  cause?: unknown;
}

/**
 * True when a TLS handshake was answered in plain HTTP (OpenSSL's `EPROTO` … "wrong version
 * number" or "packet length too long"), judged from the error's code and text and its cause's.
 */
export function isPlainHttpAnswer(error: FailureShape): boolean {
  const cause = typeof error.cause === "object" && error.cause !== null ? (error.cause as { message?: unknown }).message : undefined;
  const text = `${String(error.code ?? "")} ${String(error.networkCode ?? "")} ${String(error.message ?? "")} ${String(cause ?? "")}`;
  return /wrong version number|packet length too long|EPROTO\b.*(ssl|tls)|ERR_SSL_WRONG_VERSION/i.test(text);
}

/** Where the failed call went, for {@link networkAdvice}. */
export interface FailedTarget {
  host: string;
  port: number;
  connectTimeoutMs: number;
  timeoutMs: number;
}

/** What to check or change after a failure with this code (and, for TLS, this text). */
export function networkAdvice(code: string, detail: string, { host, port, connectTimeoutMs, timeoutMs }: FailedTarget): string {
  switch (code) {
    case "ECONNREFUSED":
      return `nothing accepted the connection. Make sure the accsyn backend at ${host} can be reached from your location and that no firewall blocks outgoing TCP traffic to port ${port}.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `the host name ${host} could not be resolved. Check the workspace, the hostname option and your DNS.`;
    case "ETIMEDOUT":
      return `no answer within the time allowed (connect ${connectTimeoutMs} ms, response ${timeoutMs} ms; ${connectTimeoutMs + timeoutMs} ms in all for the call from its first attempt on the wire, retries included). Check that ${host}:${port} is reachable, or raise timeoutMs / connectTimeoutMs.`;
    case "ECONNRESET":
    case "EPIPE":
      return `the connection was closed by the other side. Check proxies and firewalls between you and ${host}:${port}, then retry.`;
    default:
      if (isPlainHttpAnswer({ code, message: detail })) {
        return `${host}:${port} answered the TLS handshake in plain HTTP: this endpoint speaks plain HTTP. Use protocol: "http" (ACCSYN_PROTOCOL=http), or the port where it speaks HTTPS.`;
      }
      if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO|ERR_TLS/i.test(code)) {
        return `the TLS certificate of ${host} could not be verified. Pass its CA with the \`ca\` option, or (only for a backend you trust) set insecureTls: true.`;
      }
      return `the request failed below HTTP. Check that ${host}:${port} is reachable and any proxy settings.`;
  }
}
