/**
 * A small real HTTP(S) server for tests: it records every request, decodes accsyn events (query
 * string for GET/DELETE, body for POST/PUT, `gz_data` inflated), answers logins by itself, and
 * replies what the test's handler says. Listens on a free port.
 */
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

/** A request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: http.IncomingHttpHeaders;
  body: string | null;
  /** The decoded event (or login body / registry query), `undefined` when not JSON. */
  event: any;
  /** The payload inside `gz_data`, when present. */
  gzData?: unknown;
}

/** What a handler answers. A string or Buffer body is sent as is; anything else as JSON. */
export interface Reply {
  status?: number;
  body?: unknown;
  contentType?: string;
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  destroy?: boolean;
  /** Answer with `Connection: close` and destroy the socket right after the body. */
  hangUpAfter?: boolean;
  /** Extra answer headers (e.g. `retry-after`). */
  headers?: Record<string, string>;
}

/** Decides the answer to one request. */
export type Handler = (request: RecordedRequest) => Reply | undefined | Promise<Reply | undefined>;

/** A running test server. */
export interface TestServer {
  url: string;
  host: string;
  port: number;
  requests: RecordedRequest[];
  /** Requests to `/api/v3/event` only. */
  events(): RecordedRequest[];
  close(): Promise<void>;
}

/** Login answer used when the handler returns nothing for a login. */
export const DEFAULT_LOGIN = { result: { role: "admin", id: "6335521b2380fbabbdefc019", session_id: "sess_test" } };

function decode(method: string, rawQuery: string, body: string | null): any {
  const text = method === "GET" || method === "DELETE" ? decodeURIComponent(rawQuery) : body;
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Starts a server on 127.0.0.1 and a free port; pass `tls` for HTTPS. */
export async function startTestServer(handler: Handler, tls?: { key: string; cert: string }): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const [path = "", rawQuery = ""] = (req.url ?? "").split(/\?(.*)/s);
      const body = chunks.length || req.headers["content-length"] !== undefined ? Buffer.concat(chunks).toString("utf8") : null;
      const event = decode(req.method ?? "GET", rawQuery, body);
      const recorded: RecordedRequest = { method: req.method ?? "", path, rawQuery, headers: req.headers, body, event };
      if (event && typeof event.gz_data === "string") {
        recorded.gzData = JSON.parse(gunzipSync(Buffer.from(event.gz_data, "base64")).toString("utf8"));
      }
      requests.push(recorded);
      let reply: Reply | undefined;
      try {
        reply = await handler(recorded);
      } catch (error) {
        reply = { status: 500, body: { exception: String(error) } };
      }
      if (!reply && path === "/api/v3/api/login") reply = { body: DEFAULT_LOGIN };
      reply ??= { body: { result: null } };
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply!.delayMs));
      if (reply.destroy) {
        req.socket.destroy();
        return;
      }
      const text = typeof reply.body === "string" || Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status ?? 200, { "Content-Type": reply.contentType ?? "application/json", ...(reply.hangUpAfter ? { Connection: "close" } : {}), ...reply.headers });
      if (reply.hangUpAfter) res.end(text, () => req.socket.destroy());
      else res.end(text);
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("secureConnection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    host: "127.0.0.1",
    port,
    requests,
    events: () => requests.filter((r) => r.path === "/api/v3/event"),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Session options that point at a plain-HTTP test server, with warnings captured. */
export function sessionOptions(server: { port: number }, extra: Record<string, unknown> = {}) {
  const warnings: string[] = [];
  return {
    warnings,
    options: {
      workspace: "acme",
      username: "alice@acme.example",
      apiKey: "ak_public_3f9c2e",
      hostname: "127.0.0.1",
      port: server.port,
      protocol: "http" as const,
      retries: 0,
      env: {},
      logger: { warn: (m: string) => warnings.push(m) },
      ...extra,
    },
  };
}

/** The events a server received, reduced to what the vectors pin down (method, uri, data, query, id). */
export function sentEvents(server: TestServer): Array<Record<string, unknown>> {
  return server.events().map(({ method, event }) => {
    const out: Record<string, unknown> = { method, uri: event.uri, data: event.data };
    if ("query" in event) out.query = event.query;
    if ("id" in event) out.id = event.id;
    return out;
  });
}
