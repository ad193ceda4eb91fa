/**
 * Entities given by code instead of id: `grant` and `revoke` look them up with
 * `GET <type>/find`, query `code='<code lowercased>'` and no data, for the entity types whose
 * codes are unique.
 */
import { AccsynApiError, AccsynNotFoundError, AccsynValidationError, describe, isEntityId, type CallOptions, type Session } from "@accsyn/core";

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
 * Checks an id-or-code argument without sending anything: a 24-hex id passes as is; a code
 * passes for the types in {@link CODE_LOOKUP_TYPES}; anything else throws `invalidMessage`.
 */
export function checkIdOrCode(entitytype: string, value: unknown, invalidMessage: string): IdOrCode {
  if (isEntityId(value)) return { id: value };
  if (CODE_LOOKUP_TYPES.has(entitytype) && typeof value === "string" && value.trim() !== "") {
    return { code: value.toLowerCase() };
  }
  const codes = CODE_LOOKUP_TYPES.has(entitytype) ? " or its code" : ` (a ${entitytype} cannot be given by code)`;
  throw new AccsynValidationError(
    `${invalidMessage} Give the ${entitytype}'s 24-character hexadecimal id${codes}; got ${describe(value)}.`,
  );
}

/**
 * Finds the id of the `entitytype` whose code is `code` (already lowercased). Resolves `null`
 * when none has it; throws when several do.
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
  if (found.length > 1) {
    throw new AccsynApiError(`More than one ${entitytype} found with code '${code}'! Give the id instead.`, { uri });
  }
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
    throw new AccsynNotFoundError(`No ${entitytype} found with code '${ref.code}'. Check the code, or give the ${entitytype}'s id.`, { uri: `${entitytype}/find` });
  }
  return found;
}
