/**
 * `watch`: a stream of change events for the entities a query matches, computed by polling
 * (beyond the Python client). Each interval costs one `find` asking only the attributes that
 * reveal a change; full entities are fetched only for those that appeared or changed.
 */
import {
  AccsynValidationError,
  describe,
  parseQuery,
  type Entity,
  type EntityOfQuery,
  type Session,
} from "@accsyn/core";
import { changedAttributes, defaultWatchAttributes, idOf, sameValue } from "./changes.js";
import { find, type FindOptions } from "./find.js";
import { fetchCurrent, fetchFinal, type FetchTarget } from "./watch-fetch.js";
import { pause, PollFailures, type PollRetry } from "./retry.js";

/** What happened to an entity between two polls. */
export type WatchEventKind = "added" | "changed" | "removed";

/** One change seen by {@link watch}. */
export interface WatchEvent<E = Entity> {
  /** `added`: it now matches the query; `changed`: attributes changed; `removed`: it no longer matches (or was deleted). */
  kind: WatchEventKind;
  /** The entity as it is now (for `removed`: as it was last seen, or its final state when it could be fetched). */
  entity: E;
  /** The attributes that changed (sorted; empty for `added` and `removed`). */
  changed: string[];
}

/** What {@link WatchOptions.onRetry} receives when a poll failed and will be retried. */
export type WatchRetry = PollRetry;

/** Options of {@link watch}. */
export interface WatchOptions extends Pick<FindOptions, "entityId" | "finished" | "inactive" | "archived"> {
  /** Milliseconds between polls (default 2000). */
  interval?: number;
  /** Longest wait between attempts while the backend cannot be reached (default 30000). */
  maxInterval?: number;
  /** Attributes compared between polls (default: jobs `status`, `progress`; tasks `status`; others `status`, `modified`). */
  attributes?: readonly string[];
  /** Fetch the whole entity of those that appeared or changed (default `true`); `false` emits the polled attributes only. */
  details?: boolean;
  /** Emit the entities that match at the start as `added` (default `true`). */
  initial?: boolean;
  /** Ends the watch: the iterator returns (no error). */
  signal?: AbortSignal;
  /** Called when a poll failed with a transient error, before waiting to retry. */
  onRetry?: (retry: WatchRetry) => void;
  /**
   * Called after each successful poll once its events were consumed, with how many entities match
   * (for "until empty" conditions or a display redrawn once per poll); abort `signal` in it to end.
   */
  onPoll?: (poll: WatchPoll) => void;
}

/** What {@link WatchOptions.onPoll} receives. */
export interface WatchPoll {
  /** Entities matching the query at this poll. */
  matching: number;
}

/** What a watch remembers of an entity. */
interface Known {
  /** The polled attributes at the last poll. */
  snapshot: Record<string, unknown>;
  /** The entity last emitted (whole, or only the polled attributes). */
  entity: Record<string, unknown>;
  /** Whether `entity` is whole. */
  whole: boolean;
}

/** The checked settings of one watch. */
interface Plan extends FetchTarget {
  query: string;
  attributes: string[];
  details: boolean;
}

function milliseconds(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new AccsynValidationError(`Invalid ${name} ${describe(value)}: use a positive number of milliseconds.`);
  }
  return value;
}

function pick(entity: Record<string, unknown>, attributes: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of attributes) if (a in entity) out[a] = entity[a];
  return out;
}

function asRecords(result: unknown): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const item of Array.isArray(result) ? result : []) {
    const id = idOf(item);
    if (id !== undefined) out.set(id, item as Record<string, unknown>);
  }
  return out;
}

/**
 * One poll: compares what matches now with `known`; resolves with the events in order and the new
 * state. Every call to the backend happens before any event is returned, so a failed poll changes
 * nothing and is simply repeated (no event is emitted twice).
 */
async function pollOnce(plan: Plan, known: Map<string, Known> | undefined, emitInitial: boolean) {
  const { session, query, scope, attributes, details, signal } = plan;
  const call = signal ? { signal } : {};
  const wholeFirst = known === undefined && emitInitial && details;
  const rows = asRecords(await find(session, query, wholeFirst ? { ...scope, ...call } : { ...scope, attributes, ...call }));
  const events: WatchEvent<Record<string, unknown>>[] = [];
  const next = new Map<string, Known>();
  if (known === undefined) {
    for (const [id, row] of rows) {
      next.set(id, { snapshot: pick(row, attributes), entity: row, whole: wholeFirst });
      if (emitInitial) events.push({ kind: "added", entity: row, changed: [] });
    }
    return { events, next };
  }
  const moved: Array<[string, Record<string, unknown>]> = [];
  for (const [id, row] of rows) {
    const before = known.get(id);
    if (before && attributes.every((a) => sameValue(before.snapshot[a], row[a]))) next.set(id, before);
    else moved.push([id, row]);
  }
  const wholes = details ? await fetchCurrent(plan, moved.map(([id]) => id)) : new Map<string, Record<string, unknown>>();
  for (const [id, row] of moved) {
    const before = known.get(id);
    const entity = details ? wholes.get(id) : { ...before?.entity, ...row };
    if (entity === undefined) {
      // It left the match set between the two calls: the next poll reports it.
      if (before) next.set(id, before);
      continue;
    }
    next.set(id, { snapshot: pick(row, attributes), entity, whole: details || (before?.whole ?? false) });
    if (!before) events.push({ kind: "added", entity, changed: [] });
    else {
      const changed = changedAttributes(before.entity, entity, !(before.whole && details));
      if (changed.length > 0) events.push({ kind: "changed", entity, changed });
    }
  }
  const gone = [...known].filter(([id]) => !rows.has(id));
  const finals = await fetchFinal(plan, gone.map(([id]) => id));
  for (const [id, before] of gone) {
    const final = finals.get(id);
    const changed = final ? changedAttributes(before.entity, final, !before.whole) : [];
    if (final && changed.length > 0) events.push({ kind: "changed", entity: final, changed });
    events.push({ kind: "removed", entity: final ?? before.entity, changed: [] });
  }
  return { events, next };
}

async function* run(plan: Plan, options: WatchOptions, interval: number, cap: number): AsyncGenerator<WatchEvent<Record<string, unknown>>, void, undefined> {
  const { session, signal } = plan;
  const emitInitial = options.initial !== false;
  let known: Map<string, Known> | undefined;
  const failures = new PollFailures({ session, label: `watch "${plan.query}"`, interval, cap, onRetry: options.onRetry });
  while (!signal?.aborted) {
    const started = Date.now();
    try {
      const round = await pollOnce(plan, known, emitInitial);
      failures.succeeded();
      known = round.next;
      for (const event of round.events) {
        if (signal?.aborted) return;
        yield event;
      }
      options.onPoll?.({ matching: round.next.size });
    } catch (error) {
      if (signal?.aborted) return;
      await pause(failures.failed(error), signal);
      continue;
    }
    await pause(interval - (Date.now() - started), signal);
  }
}

/**
 * Watches the entities matching `query`: an async iterator of {@link WatchEvent}s, typed from the
 * query's first word like `find`. Polls every `interval` with one `find` of the change-revealing
 * `attributes`, then fetches the whole entities that appeared or changed (one `find … WHERE id in …`
 * per 50). The entities that stop matching are fetched once more (`id in …` where they may have
 * gone, by id for the rest), so a job that went `running` → `done` between two polls yields
 * `changed` (with `status`) before `removed`.
 * Transient failures are retried with back-off; `signal` or `break` ends it cleanly.
 */
export function watch<Q extends string>(
  session: Session,
  query: Q,
  options: WatchOptions = {},
): AsyncGenerator<WatchEvent<EntityOfQuery<Q>>, void, undefined> {
  if (typeof query !== "string" || query.trim() === "") {
    throw new AccsynValidationError(`Invalid query ${describe(query)}: write "<entitytype>" or "<entitytype> WHERE <expression>", e.g. "transfer WHERE status=running".`);
  }
  const { entitytype } = parseQuery(query);
  if (entitytype === "entitytypes" || entitytype === "attributes") {
    throw new AccsynValidationError(`"${entitytype}" queries cannot be watched: watch entities, e.g. "transfer WHERE status=running".`);
  }
  const interval = milliseconds(options.interval, "interval", 2000);
  const cap = Math.max(interval, milliseconds(options.maxInterval, "maxInterval", 30_000));
  const attributes = options.attributes === undefined ? defaultWatchAttributes(entitytype) : [...options.attributes];
  if (!attributes.every((a) => typeof a === "string" && a.trim() !== "")) {
    throw new AccsynValidationError(`Watch attributes must be a list of attribute names! Got ${describe(options.attributes)}.`);
  }
  const { entityId, finished, inactive, archived } = options;
  const scope = Object.fromEntries(Object.entries({ entityId, finished, inactive, archived }).filter(([, v]) => v !== undefined));
  const plan: Plan = { session, query, entitytype, scope, attributes, details: options.details !== false, signal: options.signal };
  return run(plan, options, interval, cap) as AsyncGenerator<WatchEvent<EntityOfQuery<Q>>, void, undefined>;
}
