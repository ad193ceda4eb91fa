/**
 * The fetches behind `watch`: whole entities of those that appeared or changed (batched), and the
 * final state of those that stopped matching (by id, whatever their state).
 */
import { AccsynError, type Session } from "@accsyn/core";
import { idOf } from "./changes.js";
import { find, findOne, type FindOptions } from "./find.js";
import { getEntity } from "./get.js";
import { isRefusal } from "./retry.js";

/** Where a watch fetches from: the session, the entity type and the scope options of its query. */
export interface FetchTarget {
  session: Session;
  /** The entity type, lower case (from the query). */
  entitytype: string;
  /** The scope options of the watched query (parent, finished, inactive, archived). */
  scope: Pick<FindOptions, "entityId" | "finished" | "inactive" | "archived">;
  signal: AbortSignal | undefined;
}

/** Ids per `find … WHERE id in …` (keeps the query short). */
const BATCH = 50;
/** Final states fetched at the same time. */
const PARALLEL = 8;
const OBJECT_ID = /^[0-9a-f]{24}$/;

type Found = Map<string, Record<string, unknown>>;

function collect(into: Found, result: unknown): void {
  for (const item of Array.isArray(result) ? result : [result]) {
    const id = idOf(item);
    if (id !== undefined) into.set(id, item as Record<string, unknown>);
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** True for the backend's "no such entity" (HTTP 404), which some answer instead of an empty list. */
function isNotFound(error: unknown): boolean {
  return AccsynError.isInstance(error) && (error as { status?: unknown }).status === 404;
}

/**
 * One entity by id in any state: `getEntity` for object ids, else a `WHERE id=` find (task uuids,
 * with the parent); `null` when it no longer exists (an empty answer or a 404).
 */
async function fetchOne(target: FetchTarget, id: string): Promise<unknown> {
  const { session, entitytype, scope, signal } = target;
  const call = signal ? { signal } : {};
  const fetching = OBJECT_ID.test(id)
    ? getEntity(session, entitytype, id, call)
    : findOne(session, `${entitytype} WHERE id=${id}`, { ...(scope.entityId ? { entityId: scope.entityId } : {}), ...call });
  return fetching.catch((error: unknown) => {
    if (isNotFound(error)) return null;
    throw error;
  });
}

/**
 * The whole entities among `ids` that the watched scope still holds, by `find "<type> WHERE id in
 * a,b,…"` (50 ids a call). Should the backend refuse that query, each is fetched by id instead.
 */
export async function fetchCurrent(target: FetchTarget, ids: readonly string[]): Promise<Found> {
  const found: Found = new Map();
  const { session, entitytype, scope, signal } = target;
  for (const batch of chunks(ids, BATCH)) {
    const expression = batch.length === 1 ? `id=${batch[0]}` : `id in ${batch.join(",")}`;
    try {
      collect(found, await find(session, `${entitytype} WHERE ${expression}`, { ...scope, ...(signal ? { signal } : {}) }));
    } catch (error) {
      if (!isRefusal(error)) throw error;
      for (const id of batch) collect(found, await fetchOne(target, id));
    }
  }
  return found;
}

/** The state of each of `ids` now, by id and whatever its state (finished, deleted); absent when not found. */
export async function fetchFinal(target: FetchTarget, ids: readonly string[]): Promise<Found> {
  const found: Found = new Map();
  for (const group of chunks(ids, PARALLEL)) {
    for (const result of await Promise.all(group.map((id) => fetchOne(target, id)))) collect(found, result);
  }
  return found;
}
