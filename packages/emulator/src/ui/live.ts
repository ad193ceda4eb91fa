import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventStream } from "../events/index.js";

/** Seconds between two heartbeats of an idle live connection (a comment line: keeps proxies from closing it). */
export const HEARTBEAT_SECONDS = 25;

/**
 * Serves the event stream as Server-Sent Events: the kept events after `since` (or `Last-Event-ID`), then each
 * new event as it happens. Nothing is sent while nothing happens except a heartbeat: an idle page costs nothing.
 */
export function serveLive(req: IncomingMessage, res: ServerResponse, events: EventStream): void {
  const url = new URL(req.url ?? "/", "http://x");
  const since = Number(req.headers["last-event-id"] ?? url.searchParams.get("since") ?? 0) || 0;
  res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", Connection: "keep-alive", "X-Accel-Buffering": "no" });
  res.write(`retry: 2000\n: seq ${events.last}\n\n`);
  const send = (e: { seq: number }): void => {
    res.write(`id: ${e.seq}\ndata: ${JSON.stringify(e)}\n\n`);
  };
  for (const e of events.since(since)) send(e);
  const stop = events.subscribe(send);
  const heartbeat = setInterval(() => res.write(": heartbeat\n\n"), HEARTBEAT_SECONDS * 1000);
  heartbeat.unref();
  const close = (): void => {
    clearInterval(heartbeat);
    stop();
  };
  req.once("close", close);
  res.once("close", close);
}
