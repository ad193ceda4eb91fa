/**
 * `find` and `findOne`: entities by query, plus the `entitytypes` and
 * `attributes WHERE entitytype=…` pseudo queries.
 */
import {
  AccsynValidationError,
  describe,
  parseQuery,
  warnDeprecated,
  type CallOptions,
  type EntityOfQuery,
  type Session,
} from "@accsyn/core";
import { firstOf, requestOptions, resultOf, type EntityData } from "./shared.js";

/** Options of {@link findOne}. */
export interface FindOneOptions extends CallOptions {
  /** The parent id, required for the sub entities `task` (job id) and `file` (collection id). */
  entityId?: string;
  /** Attributes to return (default: all the user may see). */
  attributes?: readonly string[];
  /** (jobs) Search among finished and aborted jobs. */
  finished?: boolean;
  /** (users, shares) Search among deactivated entities. */
  inactive?: boolean;
  /** @deprecated Use `inactive`. */
  offline?: boolean;
  /** Search among archived (deleted, purged) entities. */
  archived?: boolean;
}

/** Options of {@link find}. */
export interface FindOptions extends FindOneOptions {
  /** At most this many entities (0: no limit). */
  limit?: number;
  /** Skip this many entities first. */
  skip?: number;
  /** (`attributes` queries) Return the attributes accepted at creation. */
  create?: boolean;
  /** (`attributes` queries) Return the attributes accepted by update. */
  update?: boolean;
  /** Tell the backend the query targets one entity (relaxes its status scope). */
  singleEntityQuery?: boolean;
}

const QUERY_TYPE = "Invalid query type supplied, must be a string!";
const ATTRIBUTES_FORM = 'Please query attributes by expressions on the form "attributes WHERE entitytype=job"';
const ATTRIBUTES_MISSING = 'Please query which entity to obtain attributes for (i.e. "attributes WHERE entitytype=job")';
const ATTRIBUTE_EXPRESSION = /^\s*entitytype\s*=\s*(["']?)([^"'\s]+)\1\s*$/;

/** Checks an optional integer option (`limit`, `skip`); the reference sends only non-zero values. */
function positiveInteger(value: unknown, label: "Limit" | "Skip"): number | undefined {
  if (value === undefined || value === null || value === 0) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new AccsynValidationError(`${label} must be an integer! Got ${describe(value)}.`);
  }
  return value;
}

/** The event data of a find, only the options given, in the reference client's key order. */
function findData(session: Session, options: FindOptions): EntityData {
  const data: EntityData = {};
  if (options.entityId !== undefined && options.entityId !== null) data.parent = options.entityId;
  if (options.finished !== undefined && options.finished !== null) data.finished = options.finished;
  if (options.inactive !== undefined && options.inactive !== null) data.inactive = options.inactive;
  else if (options.offline !== undefined && options.offline !== null) {
    warnDeprecated(session.log, "find:offline", "The 'offline' parameter is deprecated, use 'inactive' instead.");
    data.inactive = options.offline;
  }
  if (options.archived !== undefined && options.archived !== null) data.archived = options.archived;
  const limit = positiveInteger(options.limit, "Limit");
  if (limit !== undefined) data.limit = limit;
  const skip = positiveInteger(options.skip, "Skip");
  if (skip !== undefined) data.skip = skip;
  if (options.attributes !== undefined && options.attributes !== null) {
    const attributes: unknown = options.attributes;
    if (!Array.isArray(attributes) || !attributes.every((a) => typeof a === "string")) {
      throw new AccsynValidationError(`Attributes must be a list of strings! Got ${describe(attributes)}.`);
    }
    data.attributes = attributes.map((a: string) => a.trim());
  }
  if (options.singleEntityQuery) data.single_entity_query = true;
  return data;
}

/** The request of an `attributes WHERE entitytype=…` query. */
function attributesRequest(expression: string | undefined, options: FindOptions): EntityData {
  if (expression === undefined) throw new AccsynValidationError(ATTRIBUTES_MISSING);
  const match = ATTRIBUTE_EXPRESSION.exec(expression);
  if (!match?.[2]) throw new AccsynValidationError(`${ATTRIBUTES_FORM}; got "${expression}".`);
  return { entitytype: match[2], create: options.create === true, update: options.update === true };
}

/**
 * Finds entities: `GET <type>/find` with the expression as `query`. Resolves with the list, typed
 * from the query's first word (`find("Transfer WHERE status=done")` → `Transfer[]`).
 */
export async function find<Q extends string>(
  session: Session,
  query: Q,
  options: FindOptions = {},
): Promise<EntityOfQuery<Q>[]> {
  if (typeof query !== "string" || query.trim() === "") {
    throw new AccsynValidationError(`${QUERY_TYPE} Write "<entitytype>" or "<entitytype> WHERE <expression>", e.g. "job WHERE code=dailies-042".`);
  }
  const { entitytype, expression } = parseQuery(query);
  const call = requestOptions(options);
  if (entitytype === "entitytypes") return resultOf(await session.request("GET", "entitytypes", { data: {} }, call));
  if (entitytype === "attributes") {
    return resultOf(await session.request("GET", "attributes", { data: attributesRequest(expression, options) }, call));
  }
  const data = findData(session, options);
  const answer = await session.request(
    "GET",
    `${entitytype}/find`,
    { data, ...(expression === undefined ? {} : { query: expression }) },
    call,
  );
  return resultOf(answer);
}

/**
 * Finds one entity: like {@link find} with `single_entity_query`; resolves with the first match
 * (warning when there were several) or `null`.
 */
export async function findOne<Q extends string>(
  session: Session,
  query: Q,
  options: FindOneOptions = {},
): Promise<EntityOfQuery<Q> | null> {
  const found: unknown = await find(session, query, { ...options, singleEntityQuery: true });
  return firstOf<EntityOfQuery<Q>>(session, found);
}
