/** `grant`: gives a user access to a delivery/request/stream (recipient) or to a share (ACL). */
import {
  AccsynNotFoundError,
  AccsynValidationError,
  givenOr,
  isPlainObject,
  normaliseEntityType,
  type Acl,
  type CallOptions,
  type Session,
} from "@accsyn/core";
import { checkIdOrCode, findIdByCode, resolveIdOrCode, type IdOrCode } from "./lookup.js";
import { supportedPairs, targetKind, type RecipientTargetType, type ShareTargetType } from "./targets.js";

/**
 * What to grant. Every field is optional; shares need at least one. A field left out takes its
 * default; a field given as `null` is sent as `null`, as the reference sends Python's `None`.
 */
export interface GrantData {
  /** Read access on a share (default true). */
  read?: boolean | null;
  /**
   * Write access on a share (default false: read-only, the safer choice, as in the CLI). The
   * reference Python client defaults to true; pass `write: true` for its behaviour.
   */
  write?: boolean | null;
  /** E-mail the user about the new access (default true). */
  notify?: boolean | null;
  /** A message for the notification (default ""). */
  message?: string | null;
  /** Where in the share the access starts (default "/"). */
  path?: string | null;
  /** Invite a user given by an unknown e-mail (default true); `false` makes the grant fail instead. */
  invite?: boolean | null;
}

/** What `grant` on a share resolves: the new ACL, or `true` when the user already had one there. */
export type GrantShareResult = Acl | true;

const INVALID_DATA = "Invalid grant access data supplied, must be an object with values!";

/** The user's id: as given, found by its code, or (unknown, invite allowed) the code itself. */
async function resolveUser(session: Session, type: string, ref: IdOrCode, invite: unknown, signal: CallOptions): Promise<string> {
  if ("id" in ref) return ref.id;
  const found = await findIdByCode(session, type, ref.code, signal);
  if (found !== null) return found;
  if (invite === false) {
    throw new AccsynNotFoundError(`No ${type} found with code '${ref.code}', and invite is not allowed! Check the e-mail, or leave invite on to invite them.`, { uri: `${type}/find`, entityType: type, entityId: ref.code });
  }
  session.log.warn(`No ${type} found with code '${ref.code}', will be invited!`);
  return ref.code;
}


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
/** Grants a user access to a share: resolves the new ACL, or `true` when the user already had one. */
export async function grant(
  session: Session,
  entitytype: "user",
  entityId: string,
  targetType: ShareTargetType,
  targetId: string,
  data: GrantData,
  options?: CallOptions,
): Promise<GrantShareResult>;
/**
 * Grants access. Ids are read trimmed and lower-cased; for user and share types they may be codes
 * (looked up first); an unknown user e-mail is invited unless `data.invite` is false.
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
  if (data !== undefined && data !== null && !isPlainObject(data)) {
    throw new AccsynValidationError(`${INVALID_DATA} Pass an object such as { read: true, write: false }.`);
  }
  const given: GrantData = data ?? {};
  const invite = givenOr(given.invite, true);
  const signal = options.signal ? { signal: options.signal } : {};
  // The reference's order: the entity (looked up when a code), then the target, then the pair.
  const type = normaliseEntityType(entitytype);
  const user = await resolveUser(session, type, checkIdOrCode(type, entityId, `Please supply a valid ${type} ID!`), invite, signal);
  const target = normaliseEntityType(targetType, "the target type");
  const share = await resolveIdOrCode(session, target, checkIdOrCode(target, targetId, `Please supply a valid ${target} ID!`), signal);
  const kind = targetKind(target, "grant");
  if (type !== "user" || !kind) {
    throw new AccsynValidationError(`Unsupported grant access operation! Cannot grant a ${type} access to a ${target}.${supportedPairs("grant")}`);
  }
  if (kind === "recipients") {
    const answer = await session.request("PUT", "job/recipient/add", { data: { recipient: user, invite }, id: share }, signal);
    return answer.result as boolean;
  }
  if (!data || Object.keys(data).length === 0) {
    throw new AccsynValidationError(`${INVALID_DATA} Granting a share needs the ACL, e.g. { read: true, write: false, path: "/" }.`);
  }
  const acl: Record<string, unknown> = {
    entity: `user:${user}`,
    target: `share:${share}`,
    read: givenOr(given.read, true),
    write: givenOr(given.write, false),
    notify: givenOr(given.notify, true),
    message: givenOr(given.message, ""),
    path: givenOr(given.path, "/"),
  };
  if (given.invite === false) acl.invite = false;
  const answer = await session.request("POST", "acl/create", { data: acl }, signal);
  return (Array.isArray(answer.result) ? (answer.result[0] ?? null) : (answer.result ?? null)) as Acl | true;
}
