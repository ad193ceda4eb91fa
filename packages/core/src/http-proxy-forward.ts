/**
 * Plain HTTP through an HTTP proxy: each request goes to the proxy with the absolute URL as its
 * target (`GET http://host:port/path HTTP/1.1`, RFC 9112 absolute-form), on every request —
 * reused keep-alive sockets included — and `Proxy-Authorization` when the proxy URL names a user.
 *
 * Own code rather than `http-proxy-agent`: that agent regenerates the request head once the socket
 * to the proxy is connected, which with keep-alive and a request body (a PUT) sent the head twice,
 * so the proxy refused the next request on that socket (400); and under `proxy-agent`'s
 * `ProxyAgent` a reused socket got a relative path. Here the target is set before Node writes the
 * head, once, and the pool is Node's own.
 */
import http from "node:http";
import net from "node:net";
import tls from "node:tls";

/** What Node passes to an agent for one request. */
interface RequestTarget {
  host?: string | null;
  hostname?: string | null;
  port?: number | string | null;
}

/** Node's `Agent#addRequest`, present at run time though absent from `@types/node`. */
type AddRequest = (this: http.Agent, request: http.ClientRequest, options: RequestTarget & Record<string, unknown>) => void;

/** A keep-alive agent that forwards plain-HTTP requests through one HTTP(S) proxy. */
export class HttpProxyForwardAgent extends http.Agent {
  readonly #proxy: URL;
  readonly #authorization: string | undefined;

  /** `proxy` is an `http://` or `https://` URL, optionally with a user and password. */
  constructor(proxy: URL, options: http.AgentOptions) {
    super(options);
    this.#proxy = proxy;
    this.#authorization =
      proxy.username || proxy.password
        ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString("base64")}`
        : undefined;
  }

  /** Points the request at its absolute URL and hands it to the pool of sockets to the proxy. */
  addRequest(request: http.ClientRequest, options: RequestTarget & Record<string, unknown>): void {
    const host = String(options.hostname ?? options.host ?? "localhost");
    const authority = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
    const port = Number(options.port) || 80;
    if (!/^[a-z]+:\/\//i.test(request.path)) request.path = `http://${authority}${port === 80 ? "" : `:${port}`}${request.path}`;
    if (this.#authorization) request.setHeader("Proxy-Authorization", this.#authorization);
    const proxyPort = Number(this.#proxy.port) || (this.#proxy.protocol === "https:" ? 443 : 80);
    const addRequest = (http.Agent.prototype as unknown as { addRequest: AddRequest }).addRequest;
    addRequest.call(this, request, { ...options, host: this.#proxy.hostname.replace(/^\[|\]$/g, ""), hostname: undefined, port: proxyPort });
  }

  /** A socket to the proxy (TLS for an `https://` proxy). */
  override createConnection(options: net.NetConnectOpts & tls.ConnectionOptions): net.Socket {
    if (this.#proxy.protocol !== "https:") return net.connect(options as net.NetConnectOpts);
    return tls.connect({ ...options, servername: this.#proxy.hostname.replace(/^\[|\]$/g, "") });
  }
}
