/** `access`: who has access to a delivery/request/stream (recipients) or a share (ACLs). */
import { AccsynValidationError, assertEntityId, normaliseEntityType, type CallOptions, type Session } from "@accsyn/core";
import { SUPPORTED_PAIRS, targetKind, type RecipientTargetType, type ShareTargetType } from "./targets.js";

/** One user with access to a share, as the reference client maps an ACL. */
export interface ShareAccess {
  /** The user's id. */
  user: string;
  /** The user's e-mail ("" when the backend does not send it). */
  user_hr: string;
  /** The share's id. */
  share: string;
  /** The share's code/path ("" when the backend does not send it). */
  share_hr: string;
  read: boolean;
  write: boolean;
  /** Whether the user has acknowledged the access (default false). */
  acknowledged: boolean | Date;
  /** Where in the share the access starts (default "/"). */
  path: string;
}

/** One recipient of a delivery, request or stream, as the backend answers it. */
export interface Recipient {
  id?: string;
  code?: string;
  user?: string;
  user_hr?: string;
  acknowledged?: Date | boolean;
  [key: string]: unknown;
}

/** Options of `access`. */
export interface AccessOptions extends CallOptions {
  /** For shares: also list the ACLs of every share beneath the target (default false). */
  recursive?: boolean;
}

function afterColon(value: unknown): string {
  if (typeof value !== "string") return "";
  const at = value.indexOf(":");
  return at === -1 ? value : value.slice(at + 1);
}

/** Maps an ACL to the reference client's `{user, user_hr, share, share_hr, read, write, acknowledged, path}`. */
export function toShareAccess(acl: Record<string, unknown>): ShareAccess {
  return {
    user: afterColon(acl.entity),
    user_hr: (acl.entity_hr as string | undefined) ?? "",
    share: afterColon(acl.target),
    share_hr: (acl.target_hr as string | undefined) ?? "",
    read: (acl.read as boolean | undefined) ?? false,
    write: (acl.write as boolean | undefined) ?? false,
    acknowledged: (acl.acknowledged as boolean | Date | undefined) ?? false,
    path: (acl.path as string | undefined) ?? "/",
  };
}

/** The recipients of a delivery, request or stream. */
export async function access(session: Session, targetType: RecipientTargetType, targetId: string, options?: AccessOptions): Promise<Recipient[]>;
/** The users with access to a share (ACLs of the shares beneath it too with `recursive`). */
export async function access(session: Session, targetType: ShareTargetType, targetId: string, options?: AccessOptions): Promise<ShareAccess[]>;
/** Lists access to a delivery/request/stream or a share. */
export async function access(
  session: Session,
  targetType: string,
  targetId: string,
  options?: AccessOptions,
): Promise<Recipient[] | ShareAccess[]>;
export async function access(
  session: Session,
  targetType: string,
  targetId: string,
  options: AccessOptions = {},
): Promise<Recipient[] | ShareAccess[]> {
  const target = normaliseEntityType(targetType, "the target type");
  assertEntityId(targetId, "Please supply a valid entity ID!");
  const kind = targetKind(target);
  if (!kind) throw new AccsynValidationError(`Unsupported access operation! Cannot list access to a ${target}.${SUPPORTED_PAIRS}`);
  const signal = options.signal ? { signal: options.signal } : {};
  if (kind === "recipients") {
    const answer = await session.request("GET", "job/recipients", { data: {}, id: targetId }, signal);
    return answer.result as Recipient[];
  }
  const answer = await session.request(
    "GET",
    "acl/find",
    { data: { recursive: Boolean(options.recursive) }, query: `acl WHERE target=share:${targetId}` },
    signal,
  );
  const acls = Array.isArray(answer.result) ? (answer.result as Record<string, unknown>[]) : [];
  return acls.map(toShareAccess);
}
