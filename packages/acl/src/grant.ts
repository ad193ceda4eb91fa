/** `grant`: gives a user access to a delivery/request/stream (recipient) or to a share (ACL). */
import {
  AccsynNotFoundError,
  AccsynValidationError,
  describe,
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
 * What to grant. For a delivery/request/stream every field is optional; for a share see
 * {@link ShareGrantData}. A field left out takes its default; a field given as `null` is sent as
 * `null`, as the reference sends Python's `None`.
 */
export interface GrantData {
  /** Read access on a share: required there ({@link ShareGrantData}). */
  read?: boolean | null;
  /** Write access on a share: required there ({@link ShareGrantData}). */
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

/**
 * What to grant on a volume, folder, home or collection: `read` and `write` are required. The
 * reference Python client grants write access when `write` is left out, where this SDK once
 * granted read-only; so that no call means something different in the two, neither is assumed.
 */
export interface ShareGrantData extends GrantData {
  read: boolean;
  write: boolean;
}

/**
 * The data (and options) after the target of `grant`: a share type (in any case) needs
 * {@link ShareGrantData}; a target type only known at run time is checked then.
 */
export type GrantArguments<T extends string> = Lowercase<T> extends ShareTargetType
  ? [data: ShareGrantData, options?: CallOptions]
  : [data?: GrantData, options?: CallOptions];

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
  data: ShareGrantData,
  options?: CallOptions,
): Promise<GrantShareResult>;
/**
 * Grants access. Ids are read trimmed and lower-cased; for user and share types they may be codes
 * (looked up first); an unknown user e-mail is invited unless `data.invite` is false. A share
 * grant without a boolean `read` and `write` is refused before anything is sent.
 */
export async function grant<T extends string>(
  session: Session,
  entitytype: string,
  entityId: string,
  targetType: T,
  targetId: string,
  ...rest: GrantArguments<T>
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
  checkShareAccess(targetType, data);
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
    read: given.read,
    write: given.write,
    notify: givenOr(given.notify, true),
    message: givenOr(given.message, ""),
    path: givenOr(given.path, "/"),
  };
  if (given.invite === false) acl.invite = false;
  const answer = await session.request("POST", "acl/create", { data: acl }, signal);
  return (Array.isArray(answer.result) ? (answer.result[0] ?? null) : (answer.result ?? null)) as Acl | true;
}

/**
 * Refuses a share grant whose data lacks a boolean `read` or `write` (before anything is sent);
 * data that is missing or empty is left to the reference's own check, after the look-ups.
 */
function checkShareAccess(targetType: unknown, data: GrantData | undefined): void {
  const target = typeof targetType === "string" ? targetType.trim().toLowerCase() : "";
  if (targetKind(target, "grant") !== "acl" || !data || Object.keys(data).length === 0) return;
  const missing = (["read", "write"] as const).filter((name) => typeof data[name] !== "boolean");
  if (missing.length === 0) return;
  const got = missing.map((name) => (data[name] === undefined ? `no ${name}` : `${name} ${describe(data[name])}`)).join(", ");
  throw new AccsynValidationError(
    `Granting access to a ${target} needs read and write given as true or false, e.g. { read: true, write: false } (read-only) or { read: true, write: true } (read/write); got ${got}. Neither is assumed: the Python client grants write when write is left out.`,
  );
}
