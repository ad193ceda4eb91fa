/**
 * `find` and `findOne`: entities by query, plus the `entitytypes` and
 * `attributes WHERE entitytype=…` pseudo queries.
 */
import {
  AccsynValidationError,
  describe,
  givenOr,
  isTruthy,
  parseQuery,
  pythonOr,
  warnDeprecated,
  type Answer,
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
  /** (`attributes` queries) Return the attributes accepted at creation (default false; `null` is sent as `null`). */
  create?: boolean | null;
  /** (`attributes` queries) Return the attributes accepted by update (default false; `null` is sent as `null`). */
  update?: boolean | null;
  /** Tell the backend the query targets one entity (relaxes its status scope). */
  singleEntityQuery?: boolean;
}

const QUERY_TYPE = "Invalid query type supplied, must be a string!";
const ATTRIBUTES_FORM = 'Please query attributes by expressions on the form "attributes WHERE entitytype=job"';
const ATTRIBUTES_MISSING = 'Please query which entity to obtain attributes for (i.e. "attributes WHERE entitytype=job")';

/** Checks an optional integer option (`limit`, `skip`); the reference sends only non-zero values. */
function positiveInteger(value: unknown, label: "Limit" | "Skip"): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new AccsynValidationError(`${label} must be an integer! Got ${describe(value)}.`);
  }
  return value === 0 ? undefined : value;
}

/** Checks an optional flag: absent (`undefined`/`null`) or a boolean, as the reference demands. */
function optionalFlag(value: unknown, label: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw new AccsynValidationError(`${label} must be a boolean! Got ${describe(value)}.`);
  return value;
}

/** The attributes to send: only a non-empty list, each trimmed (the reference's checks and wording). */
function attributeList(value: unknown): string[] | undefined {
  if (!isTruthy(value)) return undefined;
  if (!Array.isArray(value) || !value.every((a) => typeof a === "string")) {
    throw new AccsynValidationError(`Attributes must be a list of strings! Got ${describe(value)}.`);
  }
  if (!value.every((a: string) => a.trim().length > 0)) {
    throw new AccsynValidationError("Attributes must be a list of non-empty strings! Leave out the empty names.");
  }
  return value.map((a: string) => a.trim());
}

/** The event data of a find: the options given, checked and in the reference client's order. */
function findData(session: Session, options: FindOptions): EntityData {
  const attributes = attributeList(options.attributes);
  const inactive = optionalFlag(options.inactive, "Inactive");
  const finished = optionalFlag(options.finished, "Finished");
  const archived = optionalFlag(options.archived, "Archived");
  const limit = positiveInteger(options.limit, "Limit");
  const skip = positiveInteger(options.skip, "Skip");
  const data: EntityData = {};
  if (options.entityId !== undefined && options.entityId !== null) data.parent = options.entityId;
  if (finished !== undefined) data.finished = finished;
  if (inactive !== undefined) data.inactive = inactive;
  else if (options.offline !== undefined && options.offline !== null) {
    warnDeprecated(session.log, "find:offline", "The 'offline' parameter is deprecated, use 'inactive' instead.");
    data.inactive = options.offline;
  }
  if (archived !== undefined) data.archived = archived;
  if (limit !== undefined) data.limit = limit;
  if (skip !== undefined) data.skip = skip;
  if (attributes !== undefined) data.attributes = attributes;
  if (options.singleEntityQuery) data.single_entity_query = true;
  return data;
}

/**
 * The request of an `attributes WHERE entitytype=…` query: the expression split at `=` into two
 * parts, `entitytype` and the type with its quotes removed; `create`/`update` sent as given (default false).
 */
function attributesRequest(expression: string | undefined, options: FindOptions): EntityData {
  if (expression === undefined || expression === "") throw new AccsynValidationError(ATTRIBUTES_MISSING);
  const parts = expression.split("=");
  if (parts.length !== 2 || parts[0]?.trim() !== "entitytype") throw new AccsynValidationError(`${ATTRIBUTES_FORM}; got "${expression}".`);
  const entitytype = (parts[1] as string).trim().replace(/['"]/g, "");
  for (const [value, label] of [[options.create, "Create"], [options.update, "Update"]] as const) {
    if (value !== undefined && value !== null && typeof value !== "boolean") {
      throw new AccsynValidationError(`${label} must be a boolean! Got ${describe(value)}.`);
    }
  }
  return { entitytype, create: givenOr(options.create, false), update: givenOr(options.update, false) };
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
  return resultOf(await findAnswer(session, query, options, requestOptions(options)));
}

/** The answer of {@link find} (checked, not yet unwrapped), sent with `call`. */
export function findAnswer(session: Session, query: string, options: FindOptions, call: CallOptions): Promise<Answer> {
  const { entitytype, expression } = parseQuery(query);
  if (entitytype === "entitytypes") return session.request("GET", "entitytypes", { data: {} }, call);
  if (entitytype === "attributes") return session.request("GET", "attributes", { data: attributesRequest(expression, options) }, call);
  const data = findData(session, options);
  return session.request("GET", `${entitytype}/find`, { data, ...(expression === undefined ? {} : { query: expression }) }, call);
}

/**
 * Finds one entity: like {@link find} with `single_entity_query`, which the backend reads as "also
 * look among finished entities when no active one matches" (so a finished job is found without
 * `finished`). Resolves with the first match (warning when there were several) or `null`. As in the
 * reference, `inactive` and `offline` merge into one `inactive` (`inactive || offline`).
 */
export async function findOne<Q extends string>(
  session: Session,
  query: Q,
  options: FindOneOptions = {},
): Promise<EntityOfQuery<Q> | null> {
  const { offline, inactive, ...rest } = options;
  const found: unknown = await find(session, query, { ...rest, inactive: pythonOr(inactive, offline), singleEntityQuery: true });
  return firstOf<EntityOfQuery<Q>>(session, found);
}
