/**
 * `iterate`: every entity a query matches, fetched page by page (beyond the Python client).
 */
import { AccsynValidationError, describe, type EntityOfQuery, type Session } from "@accsyn/core";
import { find, type FindOptions } from "./find.js";

/** Options of {@link iterate}: those of `find` except `limit`, plus the page size; `skip` is where to start. */
export interface IterateOptions extends Omit<FindOptions, "limit" | "singleEntityQuery" | "create" | "update"> {
  /** Entities fetched per request (default 100). */
  pageSize?: number;
}

/**
 * Yields every entity matching `query`, requesting pages of `pageSize` with `limit`/`skip` until a
 * page comes back short. Stop early with `break`; pass a `signal` to cancel a pending page.
 * Memory stays flat at about one page: the generator lets go of each entity once it is yielded,
 * so only what the caller keeps outlives its page.
 */
export async function* iterate<Q extends string>(
  session: Session,
  query: Q,
  options: IterateOptions = {},
): AsyncGenerator<EntityOfQuery<Q>, void, undefined> {
  const { pageSize = 100, skip = 0, ...findOptions } = options;
  if (!Number.isInteger(pageSize) || pageSize <= 0) {
    throw new AccsynValidationError(`pageSize must be a positive integer; got ${describe(pageSize)}.`);
  }
  if (!Number.isInteger(skip) || skip < 0) {
    throw new AccsynValidationError(`skip must be a non-negative integer; got ${describe(skip)}.`);
  }
  for (let offset = skip; ; offset += pageSize) {
    const page: unknown = await find(session, query, { ...findOptions, limit: pageSize, skip: offset });
    if (!Array.isArray(page)) return;
    const size = page.length;
    yield* release(page as EntityOfQuery<Q>[]);
    if (size < pageSize) return;
  }
}

/**
 * Yields the entries of `page`, clearing each slot once yielded and the array at the end: neither
 * the suspended generator nor the page keeps a yielded entity (or the page) alive while the next
 * page is fetched and decoded.
 */
function* release<T>(page: T[]): Generator<T, void, undefined> {
  for (let i = 0; i < page.length; i++) {
    const entity = page[i] as T;
    page[i] = undefined as T;
    yield entity;
  }
  page.length = 0;
}
