/**
 * The fetches behind `watch`: whole entities of those that appeared or changed, and the final
 * state of those that stopped matching (whatever their state now), both batched by `find "<type>
 * WHERE id in …"` where the backend allows it, falling back to one call per id.
 */
import { AccsynError, type Session } from "@accsyn/core";
import { idOf, JOB_TYPES } from "./changes.js";
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
/** Final states fetched one by one at the same time (the fallback). */
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
 * Finds the entities among `ids` in one scope by `find "<type> WHERE id in a,b,…"` (50 ids a call;
 * `id=` for one) into `found`; answers the ids of the batches the backend refused that query for.
 */
async function findByIds(target: FetchTarget, ids: readonly string[], scope: FetchTarget["scope"], found: Found): Promise<string[]> {
  const { session, entitytype, signal } = target;
  const refused: string[] = [];
  for (const batch of chunks(ids, BATCH)) {
    const expression = batch.length === 1 ? `id=${batch[0]}` : `id in ${batch.join(",")}`;
    try {
      const wanted = new Set(batch);
      const answer = await find(session, `${entitytype} WHERE ${expression}`, { ...scope, ...(signal ? { signal } : {}) });
      for (const item of Array.isArray(answer) ? answer : []) if (wanted.has(idOf(item) ?? "")) collect(found, item);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      refused.push(...batch);
    }
  }
  return refused;
}

/** Each of `ids` by id, whatever its state (eight at a time); absent when not found. */
async function fetchEach(target: FetchTarget, ids: readonly string[], found: Found): Promise<void> {
  for (const group of chunks(ids, PARALLEL)) {
    for (const result of await Promise.all(group.map((id) => fetchOne(target, id)))) collect(found, result);
  }
}

/**
 * The whole entities among `ids` that the watched scope still holds (batched). Should the backend
 * refuse `id in …`, each is fetched by id instead.
 */
export async function fetchCurrent(target: FetchTarget, ids: readonly string[]): Promise<Found> {
  const found: Found = new Map();
  for (const id of await findByIds(target, ids, target.scope, found)) collect(found, await fetchOne(target, id));
  return found;
}

/**
 * The state now of each of `ids`, which stopped matching: one id is fetched by id (any state, one
 * call). Several are looked up with `id in …` where they may have gone — for jobs watched in the
 * active scope first among finished jobs (running → done), then in the watched scope (running →
 * paused) — and the rest (deleted, archived, or the query refused) one by one, by id.
 * Absent when not found.
 */
export async function fetchFinal(target: FetchTarget, ids: readonly string[]): Promise<Found> {
  const found: Found = new Map();
  let left = [...ids];
  if (left.length > 1) {
    const { scope, entitytype } = target;
    const scopes = JOB_TYPES.has(entitytype) && !scope.finished && !scope.archived ? [{ ...scope, finished: true }, scope] : [scope];
    const refused = new Set<string>();
    for (const where of scopes) {
      if (left.length === 0) break;
      for (const id of await findByIds(target, left, where, found)) refused.add(id);
      left = left.filter((id) => !found.has(id) && !refused.has(id));
    }
    left = ids.filter((id) => !found.has(id));
  }
  await fetchEach(target, left, found);
  return found;
}
