/** `revoke`: removes a user from a delivery's recipients or deletes its ACL on a share. */
import { AccsynNotFoundError, AccsynValidationError, normaliseEntityType, type CallOptions, type Session } from "@accsyn/core";
import { checkId, checkIdOrCode, findIdByCode } from "./lookup.js";
import { supportedPairs, targetKind, type RecipientListTargetType, type ShareTargetType } from "./targets.js";

/** The user's id: as given, or found by its code. */
async function resolveEntity(session: Session, type: string, entityId: unknown, signal: CallOptions): Promise<string> {
  const ref = checkIdOrCode(type, entityId, `Please supply a valid ${type} ID!`);
  if ("id" in ref) return ref.id;
  const found = await findIdByCode(session, type, ref.code, signal);
  if (found === null) throw new AccsynNotFoundError(`No ${type} found with code '${ref.code}'. Check the code, or give the ${type}'s id.`, { uri: `${type}/find`, entityType: type, entityId: ref.code });
  return checkId(found, `the id the ${type} lookup answered`);
}

/**
 * Revokes a user's access: from a delivery (`job/recipient`), or from a share by finding the
 * user's ACL and deleting it. Ids are read trimmed and lower-cased; the user may be given by its
 * code, the target only by id. Resolves the backend's answer: `true`, or `false` when the user had
 * no access.
 */
export async function revoke(
  session: Session,
  entitytype: "user" | (string & {}),
  entityId: string,
  targetType: RecipientListTargetType | ShareTargetType | (string & {}),
  targetId: string,
  options: CallOptions = {},
): Promise<boolean> {
  const signal = options.signal ? { signal: options.signal } : {};
  // The reference's order: the entity (looked up when a code), then the target, then the pair.
  const type = normaliseEntityType(entitytype);
  const user = await resolveEntity(session, type, entityId, signal);
  const target = normaliseEntityType(targetType, "the target type");
  const share = checkId(targetId, `the ${target} id`);
  const kind = targetKind(target, "revoke");
  if (type !== "user" || !kind) {
    throw new AccsynValidationError(`Unsupported revoke access operation! Cannot revoke a ${type}'s access to a ${target}.${supportedPairs("revoke")}`);
  }
  if (kind === "recipients") {
    const answer = await session.request("DELETE", "job/recipient", { data: { recipient: user }, id: share }, signal);
    return answer.result as boolean;
  }
  const found = await session.request("GET", "acl/find", { data: {}, query: `acl WHERE entity=user:${user} AND target=share:${share}` }, signal);
  const acl = Array.isArray(found.result) ? (found.result[0] as { id?: unknown } | undefined) : undefined;
  if (!acl || typeof acl.id !== "string") {
    throw new AccsynNotFoundError(
      `No ACL found for user ${user} and share ${share}: the user has no access there to revoke. See who has access with access("${target}", "${share}").`,
      { uri: "acl/find", entityType: "acl", entityId: `user:${user} share:${share}` },
    );
  }
  const answer = await session.request("DELETE", "acl/delete", { data: {}, id: acl.id }, signal);
  return answer.result as boolean;
}
