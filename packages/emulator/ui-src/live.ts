/** The emulator's event stream as the page sees it: one EventSource, state kept in signals. */
import { signal } from "@preact/signals";

/** A stream event as the emulator sends it (see the emulator's events/types.ts). */
export interface LiveEvent {
  seq: number;
  time: string;
  type: "request" | "entity" | "transition" | "progress" | "file" | "reset";
  [key: string]: unknown;
}

/** A request event. */
export interface RequestRow extends LiveEvent {
  type: "request";
  method: string;
  uri: string;
  user?: string;
  role?: string;
  status: number;
  ms: number;
  error?: string;
  via?: string;
  id?: string;
}

/** Requests kept by the page (newest first). */
const KEPT = 5000;

/** True while the live connection is open. */
export const connected = signal(false);
/** Requests seen, newest first (stable: ordered by the stream's sequence numbers). */
export const requests = signal<RequestRow[]>([]);
/** Bumped when entities changed (pages reload what they show, at most a few times a second). */
export const changes = signal(0);
/** Latest progress of running jobs, by id. */
export const progress = signal<Record<string, number>>({});
/** Failure reasons of jobs and tasks seen failing, by id. */
export const reasons = signal<Record<string, string>>({});

let pendingRequests: RequestRow[] = [];
let pendingProgress: Record<string, number> = {};
let changed = false;
let flushTimer: number | undefined;

/** Applies what arrived, once per animation-ish interval, so a burst of events is one render. */
function flush(): void {
  flushTimer = undefined;
  if (pendingRequests.length) {
    requests.value = [...pendingRequests.reverse(), ...requests.value].slice(0, KEPT);
    pendingRequests = [];
  }
  if (Object.keys(pendingProgress).length) {
    progress.value = { ...progress.value, ...pendingProgress };
    pendingProgress = {};
  }
  if (changed) {
    changed = false;
    changes.value++;
  }
}

function take(e: LiveEvent): void {
  if (e.type === "request") pendingRequests.push(e as RequestRow);
  else if (e.type === "progress") pendingProgress[String(e.id)] = Number(e.progress);
  else {
    if (e.type === "transition" && typeof e.reason === "string") reasons.value = { ...reasons.value, [String(e.id)]: e.reason };
    changed = true;
  }
  for (const fn of listeners) fn(e);
  flushTimer ??= window.setTimeout(flush, 200);
}

const listeners = new Set<(e: LiveEvent) => void>();

/** Calls `fn` with every event as it arrives; returns the function that stops it. */
export function listen(fn: (e: LiveEvent) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Opens the live connection (the browser reconnects by itself, resuming after the last event seen). */
export function connect(): EventSource {
  const source = new EventSource("/ui/live?since=0");
  source.onopen = () => (connected.value = true);
  source.onerror = () => (connected.value = false);
  source.onmessage = (m: MessageEvent<string>) => take(JSON.parse(m.data) as LiveEvent);
  return source;
}
