/**
 * Events: the envelope every API call sends to `/api/v3/event`, and how it travels — the whole
 * percent-encoded JSON as the query string for GET/DELETE, the JSON body for POST/PUT, with
 * `gz_data` replacing `data` above the reference client's size estimate.
 */
import { randomUUID } from "node:crypto";
import { encodeJson, encodeGzPayload, exceedsGzThreshold, formatUtcDateTime, gzipBase64 } from "./codec.js";
import type { HttpMethod } from "./transport.js";

/** What an operation passes besides its uri. */
export interface EventPayload {
  /** The event's `data`; `undefined` is sent as `null`. */
  data?: unknown;
  /** The query expression (`find`), sent only when given. */
  query?: string;
  /** The entity id, sent only when given. */
  id?: string;
}

/** Identity fields of the envelope, fixed for a session. */
export interface EventIdentity {
  workspace: string;
  session: string;
  ident: string;
  hostname: string;
}

/** Builds the event object in the reference client's key order. */
export function buildEvent(identity: EventIdentity, uri: string, payload: EventPayload): Record<string, unknown> {
  const event: Record<string, unknown> = {
    audience: "api",
    workspace: identity.workspace,
    eid: randomUUID(),
    session: identity.session,
    uri,
    ident: identity.ident,
    created: formatUtcDateTime(new Date()),
    hostname: identity.hostname,
  };
  const data = payload.data === undefined ? null : payload.data;
  if (data !== null && exceedsGzThreshold(data)) event.gz_data = gzipBase64(encodeGzPayload(data));
  else event.data = data;
  if (payload.query !== undefined) event.query = payload.query;
  if (payload.id !== undefined) event.id = payload.id;
  return event;
}

/** Percent-encodes like Python's `urllib.parse.quote(text, safe="/")`: spaces as `%20`, never `+`. */
export function pythonQuote(text: string): string {
  return encodeURIComponent(text)
    .replaceAll("%2F", "/")
    .replace(PY_UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Characters `encodeURIComponent` leaves as they are and Python's `quote` encodes. */
const PY_UNSAFE = /[!'()*]/g;

/** Where an event goes on the wire for a given method. */
export interface EncodedEvent {
  /** Path relative to the API base, with the query string for GET/DELETE. */
  path: string;
  /** The body for POST/PUT. */
  body?: string;
}

/** Encodes an event for its HTTP method. */
export function encodeEvent(method: HttpMethod, event: Record<string, unknown>): EncodedEvent {
  const json = encodeJson(event);
  if (method === "GET" || method === "DELETE") return { path: `event?${pythonQuote(json)}` };
  return { path: "event", body: json };
}
