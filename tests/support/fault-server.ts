/**
 * A raw TCP server that misbehaves on purpose, one fault per request path segment, so tests can
 * prove the SDK's handling of broken backends over real sockets.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";

/** The faults the server can produce. */
export type Fault =
  | "ok"
  | "reset"
  | "stall-headers"
  | "stall-body"
  | "status-500"
  | "status-502"
  | "status-503"
  | "status-504"
  | "html"
  | "truncated-json"
  | "no-result"
  | "huge-body"
  | "wrong-encoding";

/** A running fault server; `fault` decides how the next event is answered. */
export interface FaultServer {
  port: number;
  fault: Fault;
  /** How many event requests arrived. */
  eventCount: number;
  /** Connections currently open on the server side. */
  openConnections(): number;
  close(): Promise<void>;
}

const LOGIN = JSON.stringify({ result: { role: "admin", id: "6335521b2380fbabbdefc019", session_id: "s" } });

function respond(socket: net.Socket, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  const payload = typeof body === "string" ? Buffer.from(body) : body;
  const head = [`HTTP/1.1 ${status} X`, `Content-Length: ${payload.length}`, "Connection: keep-alive", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (!headers["Content-Type"]) head.push("Content-Type: application/json");
  socket.write(`${head.join("\r\n")}\r\n\r\n`);
  socket.write(payload);
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startFaultServer(): Promise<FaultServer> {
  const sockets = new Set<net.Socket>();
  const state: FaultServer = {
    port: 0,
    fault: "ok",
    eventCount: 0,
    openConnections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let buffered = "";
    socket.on("data", (chunk) => {
      buffered += chunk.toString("latin1");
      for (;;) {
        const end = buffered.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buffered.slice(0, end);
        const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        buffered = buffered.slice(end + 4 + length);
        const path = head.split(" ")[1] ?? "";
        if (path.startsWith("/api/v3/api/login")) respond(socket, 200, LOGIN);
        else answerEvent(socket, state);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as AddressInfo).port;
  return state;
}

function answerEvent(socket: net.Socket, state: FaultServer): void {
  state.eventCount += 1;
  switch (state.fault) {
    case "ok":
      return respond(socket, 200, JSON.stringify({ result: [] }));
    case "reset":
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"res");
      socket.resetAndDestroy();
      return;
    case "stall-headers":
      return;
    case "stall-body":
      socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"result\": [");
      return;
    case "status-500":
    case "status-502":
    case "status-503":
    case "status-504":
      return respond(socket, Number(state.fault.slice(7)), "<html><body>Gateway trouble</body></html>", { "Content-Type": "text/html" });
    case "html":
      return respond(socket, 200, "<!doctype html><title>Login</title>", { "Content-Type": "text/html" });
    case "truncated-json":
      return respond(socket, 200, '{"result": [{"id": "abc"');
    case "no-result":
      return respond(socket, 200, JSON.stringify({ status: "ok" }));
    case "huge-body":
      return respond(socket, 200, Buffer.alloc(50 * 1024 * 1024, 0x61), { "Content-Type": "text/plain" });
    case "wrong-encoding":
      return respond(socket, 200, JSON.stringify({ result: [] }), { "Content-Encoding": "gzip" });
  }
}
