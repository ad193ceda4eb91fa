/**
 * A real local HTTP(S) server that replays a vector's recorded answers in order and records every
 * request it receives. A request beyond the recorded ones is answered 599 and marked unexpected.
 */
import http from "node:http";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import type { VectorResponse } from "./vectors.js";

/** A request as the replay server received it. */
export interface ReceivedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string after `?` ("" when none). */
  rawQuery: string;
  headers: http.IncomingHttpHeaders;
  /** Body text; `null` when the request had neither a body nor a Content-Length. */
  body: string | null;
  /** True when no recorded answer was left for it. */
  unexpected: boolean;
}

/** A running replay server. */
export interface ReplayServer {
  port: number;
  url: string;
  requests: ReceivedRequest[];
  /** Stops listening and drops every open connection (keep-alive ones included). */
  close(): Promise<void>;
}

/** Status answered to requests beyond the recorded ones. */
export const UNEXPECTED_STATUS = 599;

/**
 * Starts a replay server on 127.0.0.1 and a free port. `responses` are answered in order; each
 * body text passes through `render` (placeholder substitution: `<port>`, `<hostname>`, …) before it is sent.
 */
export async function startReplayServer(
  responses: VectorResponse[],
  options: { tls?: { key: string; cert: string }; render?: (text: string, port: number) => string } = {},
): Promise<ReplayServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let port = 0;

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = req.url ?? "";
      const at = url.indexOf("?");
      const hasBody = chunks.length > 0 || req.headers["content-length"] !== undefined;
      const response = responses[requests.length];
      requests.push({
        method: req.method ?? "",
        path: at < 0 ? url : url.slice(0, at),
        rawQuery: at < 0 ? "" : url.slice(at + 1),
        headers: req.headers,
        body: hasBody ? Buffer.concat(chunks).toString("utf8") : null,
        unexpected: response === undefined,
      });
      if (!response) {
        res.writeHead(UNEXPECTED_STATUS, { "Content-Type": "text/plain" });
        res.end("unexpected request: the vector recorded no further exchange");
        return;
      }
      const send = (): void => {
        if (res.destroyed) return;
        const text = options.render ? options.render(response.body_text, port) : response.body_text;
        const headers: Record<string, string> = {};
        if (response.content_type !== null && response.content_type !== undefined) headers["Content-Type"] = response.content_type;
        res.writeHead(response.status, headers);
        res.end(text);
      };
      if (response.delay_s) setTimeout(send, response.delay_s * 1000);
      else send();
    });
  };

  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : http.createServer(listener);
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };
  server.on("connection", track);
  server.on("secureConnection", track);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    port,
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    requests,
    close: () =>
      (closing ??= new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      })),
  };
}
