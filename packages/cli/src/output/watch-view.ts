/**
 * Where `accsyn watch` shows events: a live table on a terminal, one NDJSON event per line
 * otherwise (so `accsyn watch "…" | jq` works).
 */
import { colours } from "./colour.js";
import { watchFrame, type WatchedRow } from "./job-table.js";
import { toJsonLine } from "./json.js";
import { LiveRegion, type TerminalStream } from "./live.js";

/** A watch event as the SDK yields it. */
export interface ViewEvent {
  kind: "added" | "changed" | "removed";
  entity: WatchedRow;
  changed: string[];
}

/** How `accsyn watch` presents events. */
export interface WatchView {
  /** One event. */
  event(event: ViewEvent): void;
  /** A poll answered (with how many entities match) or failed and will be retried (`problem`). */
  poll(state: PollState): void;
  /** Ends the display (the terminal is left clean, the cursor shown). */
  close(): void;
}

/** The outcome of one poll, for the footer. */
export interface PollState {
  /** Entities matching the query (after a poll that answered). */
  matching?: number;
  /** Why the poll failed (it is being retried). */
  problem?: string;
}

const FINAL = new Set(["done", "failed", "aborted"]);

/** One JSON line per event: `{"kind","changed","entity"}` (dates ISO 8601). */
export function ndjsonView(stream: NodeJS.WritableStream = process.stdout): WatchView {
  return {
    event(event) {
      stream.write(`${toJsonLine({ kind: event.kind, changed: event.changed, entity: event.entity })}\n`);
    },
    poll() {},
    close() {},
  };
}

/**
 * The live table: rows keep the latest state of each entity; an entity that leaves the query keeps
 * its row when it ended (done, failed, aborted) and loses it otherwise. Redrawn once per poll.
 */
export function tableView(stream: TerminalStream, query: string, jobs: boolean): WatchView {
  const rows = new Map<string, WatchedRow>();
  const region = new LiveRegion(stream);
  const c = colours(stream);
  let updated: Date | undefined;
  let state: PollState = {};
  const draw = () => region.render(watchFrame([...rows.values()], jobs, { query, updated, ...state }, c, region.maxLines - 2));
  draw();
  return {
    event({ kind, entity }) {
      const id = String(entity.id);
      if (kind !== "removed" || FINAL.has(String(entity.status))) rows.set(id, { ...rows.get(id), ...entity });
      else rows.delete(id);
    },
    poll(polled) {
      state = polled.problem === undefined ? polled : { ...state, problem: polled.problem };
      if (polled.problem === undefined) updated = new Date();
      draw();
    },
    close() {
      draw();
      region.close();
    },
  };
}
