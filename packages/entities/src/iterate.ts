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
    const page = await find(session, query, { ...findOptions, limit: pageSize, skip: offset });
    if (!Array.isArray(page)) return;
    yield* page;
    if (page.length < pageSize) return;
  }
}
