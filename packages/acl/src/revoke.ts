/** `revoke`: removes a user from a delivery's recipients or deletes its ACL on a share. */
import { AccsynNotFoundError, AccsynValidationError, normaliseEntityType, type CallOptions, type Session } from "@accsyn/core";
import { checkIdOrCode, resolveIdOrCode } from "./lookup.js";
import { SUPPORTED_PAIRS, targetKind, type AccessTargetType } from "./targets.js";

/**
 * Revokes a user's access: from a delivery/request/stream (`job/recipient`), or from a share by
 * finding the user's ACL and deleting it. The user may be given by id or code; resolves the
 * backend's answer (`true`).
 */
export async function revoke(
  session: Session,
  entitytype: "user" | (string & {}),
  entityId: string,
  targetType: AccessTargetType | (string & {}),
  targetId: string,
  options: CallOptions = {},
): Promise<boolean> {
  const type = normaliseEntityType(entitytype);
  const target = normaliseEntityType(targetType, "the target type");
  const entity = checkIdOrCode(type, entityId, `Please supply a valid ${type} ID!`);
  const targetRef = checkIdOrCode(target, targetId, "Please supply a valid entity ID!");
  const kind = targetKind(target);
  if (type !== "user" || !kind) {
    throw new AccsynValidationError(`Unsupported revoke access operation! Cannot revoke a ${type}'s access to a ${target}.${SUPPORTED_PAIRS}`);
  }
  const signal = options.signal ? { signal: options.signal } : {};
  const user = await resolveIdOrCode(session, type, entity, signal);
  const share = await resolveIdOrCode(session, target, targetRef, signal);
  if (kind === "recipients") {
    const answer = await session.request("DELETE", "job/recipient", { data: { recipient: user }, id: share }, signal);
    return answer.result as boolean;
  }
  const found = await session.request("GET", "acl/find", { data: {}, query: `acl WHERE entity=user:${user} AND target=share:${share}` }, signal);
  const acl = Array.isArray(found.result) ? (found.result[0] as { id?: unknown } | undefined) : undefined;
  if (!acl || typeof acl.id !== "string") {
    throw new AccsynNotFoundError(
      `No ACL found for user ${user} and share ${share}: the user has no access there to revoke. See who has access with access("${target}", "${share}").`,
      { uri: "acl/find" },
    );
  }
  const answer = await session.request("DELETE", "acl/delete", { data: {}, id: acl.id }, signal);
  return answer.result as boolean;
}
