/** `grant`: gives a user access to a delivery/request/stream (recipient) or to a share (ACL). */
import {
  AccsynNotFoundError,
  AccsynValidationError,
  isPlainObject,
  normaliseEntityType,
  type Acl,
  type CallOptions,
  type Session,
} from "@accsyn/core";
import { checkIdOrCode, findIdByCode } from "./lookup.js";
import { SUPPORTED_PAIRS, targetKind, type RecipientTargetType, type ShareTargetType } from "./targets.js";

/** What to grant. Every field is optional; shares need at least one. */
export interface GrantData {
  /** Read access on a share (default true). */
  read?: boolean;
  /**
   * Write access on a share (default false: read-only, the safer choice, as in the CLI). The
   * reference Python client defaults to true; pass `write: true` for its behaviour.
   */
  write?: boolean;
  /** E-mail the user about the new access (default true). */
  notify?: boolean;
  /** A message for the notification (default ""). */
  message?: string;
  /** Where in the share the access starts (default "/"). */
  path?: string;
  /** Invite a user given by an unknown e-mail (default true); `false` makes the grant fail instead. */
  invite?: boolean;
}

const INVALID_DATA = "Invalid grant access data supplied, must be an object with values!";

/** Grants a user a place among a delivery's, request's or stream's recipients; resolves `true`. */
export async function grant(
  session: Session,
  entitytype: "user",
  entityId: string,
  targetType: RecipientTargetType,
  targetId: string,
  data?: GrantData,
  options?: CallOptions,
): Promise<boolean>;
/** Grants a user access to a share through a new ACL, which it resolves. */
export async function grant(
  session: Session,
  entitytype: "user",
  entityId: string,
  targetType: ShareTargetType,
  targetId: string,
  data: GrantData,
  options?: CallOptions,
): Promise<Acl>;
/**
 * Grants access. Ids may be codes for user and share types (looked up first); an unknown user
 * e-mail is invited unless `data.invite` is false.
 */
export async function grant(
  session: Session,
  entitytype: string,
  entityId: string,
  targetType: string,
  targetId: string,
  data?: GrantData,
  options?: CallOptions,
): Promise<boolean | Acl>;
export async function grant(
  session: Session,
  entitytype: string,
  entityId: string,
  targetType: string,
  targetId: string,
  data?: GrantData,
  options: CallOptions = {},
): Promise<boolean | Acl> {
  const type = normaliseEntityType(entitytype);
  const target = normaliseEntityType(targetType, "the target type");
  const entity = checkIdOrCode(type, entityId, `Please supply a valid ${type} ID!`);
  const targetRef = checkIdOrCode(target, targetId, `Please supply a valid ${target} ID!`);
  const kind = targetKind(target);
  if (type !== "user" || !kind) {
    throw new AccsynValidationError(`Unsupported grant access operation! Cannot grant a ${type} access to a ${target}.${SUPPORTED_PAIRS}`);
  }
  if (data !== undefined && data !== null && !isPlainObject(data)) {
    throw new AccsynValidationError(`${INVALID_DATA} Pass an object such as { read: true, write: false }.`);
  }
  if (kind === "acl" && (!data || Object.keys(data).length === 0)) {
    throw new AccsynValidationError(
      `${INVALID_DATA} Granting a share needs the ACL, e.g. { read: true, write: false, path: "/" }.`,
    );
  }
  const given: GrantData = data ?? {};
  const invite = given.invite !== false;
  const signal = options.signal ? { signal: options.signal } : {};

  let user: string;
  if ("id" in entity) user = entity.id;
  else {
    const found = await findIdByCode(session, type, entity.code, signal);
    if (found === null && !invite) {
      throw new AccsynNotFoundError(`No user found with code '${entity.code}', and invite is not allowed! Check the e-mail, or leave invite on to invite them.`, { uri: "user/find" });
    }
    user = found ?? entity.code;
  }
  let targetIdResolved: string;
  if ("id" in targetRef) targetIdResolved = targetRef.id;
  else {
    const found = await findIdByCode(session, target, targetRef.code, signal);
    if (found === null) throw new AccsynNotFoundError(`No ${target} found with code '${targetRef.code}'! Check the code, or give the ${target}'s id.`, { uri: `${target}/find` });
    targetIdResolved = found;
  }

  if (kind === "recipients") {
    const answer = await session.request("PUT", "job/recipient/add", { data: { recipient: user, invite }, id: targetIdResolved }, signal);
    return answer.result as boolean;
  }
  const acl: Record<string, unknown> = {
    entity: `user:${user}`,
    target: `share:${targetIdResolved}`,
    read: given.read ?? true,
    write: given.write ?? false,
    notify: given.notify ?? true,
    message: given.message ?? "",
    path: given.path ?? "/",
  };
  if (!invite) acl.invite = false;
  const answer = await session.request("POST", "acl/create", { data: acl }, signal);
  return (Array.isArray(answer.result) ? (answer.result[0] ?? null) : (answer.result ?? null)) as Acl;
}
