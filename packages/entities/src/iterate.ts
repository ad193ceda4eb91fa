/**
 * `iterate`: every entity a query matches, fetched page by page (beyond the Python client).
 */
import { AccsynProtocolError, AccsynValidationError, describe, LazyItem, parseQuery, type EntityOfQuery, type Session } from "@accsyn/core";
import { findAnswer, type FindOptions } from "./find.js";
import { requestOptions } from "./shared.js";

/** Options of {@link iterate}: those of `find` except `limit`, plus the page size; `skip` is where to start. */
export interface IterateOptions extends Omit<FindOptions, "limit" | "singleEntityQuery" | "create" | "update"> {
  /** Entities fetched per request (default 100). */
  pageSize?: number;
}

/**
 * Yields every entity matching `query`, requesting pages of `pageSize` with `limit`/`skip` until a
 * page comes back short. Stop early with `break`; pass a `signal` to cancel a pending page.
 * Memory stays flat: a large page is kept as its bytes and each entity is decoded when it is
 * yielded (`lazyItems`), and the generator lets go of it then, so only what the caller keeps
 * outlives its turn.
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
  const call = { ...requestOptions(options), lazyItems: true };
  for (let offset = skip; ; offset += pageSize) {
    const page: unknown = (await findAnswer(session, query, { ...findOptions, limit: pageSize, skip: offset }, call)).result;
    if (!Array.isArray(page)) return;
    const size = page.length;
    yield* release(page, query) as Generator<EntityOfQuery<Q>, void, undefined>;
    if (size < pageSize) return;
  }
}

/** An entity of a page: decoded now when the page kept it as bytes. */
function entityOf(item: unknown, query: string): unknown {
  if (!(item instanceof LazyItem)) return item;
  try {
    return item.decode();
  } catch {
    throw new AccsynProtocolError(`The accsyn backend answered a page of "${query}" with an entity that is not JSON. Check the backend's version and logs.`, {
      uri: `${parseQuery(query).entitytype}/find`,
    });
  }
}

/**
 * Yields the entries of `page`, clearing each slot once yielded and the array at the end: neither
 * the suspended generator nor the page keeps a yielded entity (or the page) alive while the next
 * page is fetched and decoded.
 */
function* release(page: unknown[], query: string): Generator<unknown, void, undefined> {
  for (let i = 0; i < page.length; i++) {
    const item = page[i];
    page[i] = undefined;
    yield entityOf(item, query);
  }
  page.length = 0;
}
