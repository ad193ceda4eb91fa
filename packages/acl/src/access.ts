/** `access`: who has access to a delivery (recipients) or a share (ACLs). */
import { AccsynValidationError, givenOr, normaliseEntityType, type CallOptions, type Id, type Session } from "@accsyn/core";
import { checkId } from "./lookup.js";
import { supportedPairs, targetKind, type RecipientListTargetType, type ShareTargetType } from "./targets.js";

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
  acknowledged: boolean;
  /** Where in the share the access starts (default "/"). */
  path: string;
}

/** One recipient of a delivery, as the backend answers it (tests/test_delivery.py). */
export interface Recipient {
  /** Whether the recipient has acted on the delivery (downloaded it). */
  actioned: boolean;
  /** The user's id. */
  user: Id;
  /** The user's e-mail. */
  user_hr: string;
  [key: string]: unknown;
}

/** Options of `access`. */
export interface AccessOptions extends CallOptions {
  /** For shares: also list the ACLs of every share beneath the target (default false; `null` is sent as `null`). */
  recursive?: boolean | null;
}

/** The id of a `"<type>:<id>"` reference (Python's `value.split(":")[1]`; the whole value when it has no colon). */
function idOfParty(value: unknown): string {
  if (typeof value !== "string") return "";
  const parts = value.split(":");
  return parts.length > 1 ? (parts[1] as string) : value;
}

/** Maps an ACL to the reference client's `{user, user_hr, share, share_hr, read, write, acknowledged, path}`. */
export function toShareAccess(acl: Record<string, unknown>): ShareAccess {
  return {
    user: idOfParty(acl.entity),
    user_hr: (acl.entity_hr as string | undefined) ?? "",
    share: idOfParty(acl.target),
    share_hr: (acl.target_hr as string | undefined) ?? "",
    read: (acl.read as boolean | undefined) ?? false,
    write: (acl.write as boolean | undefined) ?? false,
    acknowledged: (acl.acknowledged as boolean | undefined) ?? false,
    path: (acl.path as string | undefined) ?? "/",
  };
}

/** The recipients of a delivery: `{ actioned, user, user_hr }` each. */
export async function access(session: Session, targetType: RecipientListTargetType, targetId: string, options?: AccessOptions): Promise<Recipient[]>;
/** The users with access to a share (ACLs of the shares beneath it too with `recursive`). */
export async function access(session: Session, targetType: ShareTargetType, targetId: string, options?: AccessOptions): Promise<ShareAccess[]>;
/** Lists access to a delivery or a share; the target id is read trimmed and lower-cased. */
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
  const id = checkId(targetId, `the ${target} id`);
  const kind = targetKind(target, "access");
  if (!kind) throw new AccsynValidationError(`Unsupported access operation! Cannot list access to a ${target}.${supportedPairs("access")}`);
  const signal = options.signal ? { signal: options.signal } : {};
  if (kind === "recipients") {
    const answer = await session.request("GET", "job/recipients", { data: {}, id }, signal);
    return answer.result as Recipient[];
  }
  const answer = await session.request(
    "GET",
    "acl/find",
    { data: { recursive: givenOr(options.recursive, false) }, query: `acl WHERE target=share:${id}` },
    signal,
  );
  const acls = Array.isArray(answer.result) ? (answer.result as Record<string, unknown>[]) : [];
  return acls.map(toShareAccess);
}
