import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventStream } from "../events/index.js";

/** Seconds between two heartbeats of an idle live connection (a comment line: keeps proxies from closing it). */
export const HEARTBEAT_SECONDS = 25;
/**
 * Milliseconds events are gathered before they are written, so a busy emulator writes a few chunks a second
 * to an open page instead of one per request (each write is a syscall here and a message to wake the page).
 * The page renders at most every 200 ms, so this delay is not seen.
 */
export const COALESCE_MS = 50;

/**
 * Serves the event stream as Server-Sent Events: the kept events after `since` (or `Last-Event-ID`), then each
 * new event as it happens (gathered for {@link COALESCE_MS}). Nothing is sent while nothing happens except a
 * heartbeat: an idle page costs nothing.
 */
export function serveLive(req: IncomingMessage, res: ServerResponse, events: EventStream): void {
  const url = new URL(req.url ?? "/", "http://x");
  const since = Number(req.headers["last-event-id"] ?? url.searchParams.get("since") ?? 0) || 0;
  res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", Connection: "keep-alive", "X-Accel-Buffering": "no" });
  res.write(`retry: 2000\n: seq ${events.last}\n\n`);
  const message = (e: { seq: number }): string => `id: ${e.seq}\ndata: ${JSON.stringify(e)}\n\n`;
  const backlog = events.since(since).map(message).join("");
  if (backlog) res.write(backlog);
  let pending = "";
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    res.write(pending);
    pending = "";
  };
  const stop = events.subscribe((e) => {
    pending += message(e);
    timer ??= setTimeout(flush, COALESCE_MS).unref();
  });
  const heartbeat = setInterval(() => res.write(": heartbeat\n\n"), HEARTBEAT_SECONDS * 1000);
  heartbeat.unref();
  const close = (): void => {
    clearInterval(heartbeat);
    clearTimeout(timer);
    stop();
  };
  req.once("close", close);
  res.once("close", close);
}
