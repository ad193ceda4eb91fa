/**
 * Ids given as codes: `grant` and `revoke` read an id argument trimmed and lower-cased, and when it
 * is not an id they look the code up with `GET <type>/find`, query `code='<code>'` and no data, for
 * the entity types whose codes are unique.
 */
import {
  AccsynApiError,
  AccsynNotFoundError,
  AccsynValidationError,
  assertNonEmptyString,
  describe,
  isEntityId,
  toIdCandidate,
  type CallOptions,
  type Session,
} from "@accsyn/core";

/** Entity types whose code is unique, so that a code can stand for the id. */
export const CODE_LOOKUP_TYPES: ReadonlySet<string> = new Set([
  "user",
  "workspace",
  "share",
  "volume",
  "folder",
  "home",
  "collection",
  "site",
  "engine",
  "queue",
]);

/** An id, or a code that still has to be looked up. */
export type IdOrCode = { id: string } | { code: string };

/**
 * Reads an id-or-code argument without sending anything: a non-empty string, trimmed and
 * lower-cased (so an upper-case hex id is an id); a code passes for the types in
 * {@link CODE_LOOKUP_TYPES}; anything else throws `invalidMessage`.
 */
export function checkIdOrCode(entitytype: string, value: unknown, invalidMessage: string): IdOrCode {
  assertNonEmptyString(value, `the ${entitytype} id`);
  const candidate = toIdCandidate(value);
  if (isEntityId(candidate)) return { id: candidate };
  if (CODE_LOOKUP_TYPES.has(entitytype) && candidate !== "") return { code: candidate };
  const codes = CODE_LOOKUP_TYPES.has(entitytype) ? " or its code" : ` (a ${entitytype} cannot be given by code)`;
  throw new AccsynValidationError(
    `${invalidMessage} Give the ${entitytype}'s 24-character hexadecimal id${codes}; got ${describe(value)}.`,
  );
}

/** Reads an id argument that cannot be a code: trimmed and lower-cased, then judged. */
export function checkId(value: unknown, what: string, invalidMessage = "Please supply a valid entity ID!"): string {
  assertNonEmptyString(value, what);
  const candidate = toIdCandidate(value);
  if (!isEntityId(candidate)) {
    throw new AccsynValidationError(`${invalidMessage} Give ${what} as its 24-character hexadecimal id; got ${describe(value)}.`);
  }
  return candidate;
}

/**
 * Finds the id of the `entitytype` whose code is `code` (already lower-cased): the first match's,
 * as the reference takes it. Resolves `null` when none has it.
 */
export async function findIdByCode(
  session: Session,
  entitytype: string,
  code: string,
  options: CallOptions = {},
): Promise<string | null> {
  const uri = `${entitytype}/find`;
  const answer = await session.request("GET", uri, { query: `code='${code}'` }, options.signal ? { signal: options.signal } : {});
  const found = Array.isArray(answer.result) ? (answer.result as Array<{ id?: unknown }>) : [];
  if (found.length === 0) return null;
  const id = found[0]?.id;
  if (typeof id !== "string") {
    throw new AccsynApiError(`The ${entitytype} found with code '${code}' has no id.`, { uri });
  }
  return id;
}

/** The id behind an id-or-code: as is, or looked up; throws {@link AccsynNotFoundError} when no entity has the code. */
export async function resolveIdOrCode(session: Session, entitytype: string, ref: IdOrCode, options: CallOptions = {}): Promise<string> {
  if ("id" in ref) return ref.id;
  const found = await findIdByCode(session, entitytype, ref.code, options);
  if (found === null) {
    throw new AccsynNotFoundError(`No ${entitytype} found with code '${ref.code}'! Check the code, or give the ${entitytype}'s id.`, { uri: `${entitytype}/find`, entityType: entitytype, entityId: ref.code });
  }
  return found;
}
