/** Which targets `grant`, `access` and `revoke` handle, and by which backend operation. */

/** Jobs whose access is their recipient list (`job/recipient/*`). */
export type RecipientTargetType = "delivery" | "request" | "stream";

/** Shares whose access is their ACLs (`acl/*`). */
export type ShareTargetType = "volume" | "folder" | "home" | "collection";

/** Every target type access can be granted to. */
export type AccessTargetType = RecipientTargetType | ShareTargetType;

const RECIPIENT_TARGETS: ReadonlySet<string> = new Set<RecipientTargetType>(["delivery", "request", "stream"]);
const SHARE_TARGETS: ReadonlySet<string> = new Set<ShareTargetType>(["volume", "folder", "home", "collection"]);

/** How access to a (normalised) target type is managed, or `undefined` when it is not supported. */
export function targetKind(targetType: string): "recipients" | "acl" | undefined {
  if (RECIPIENT_TARGETS.has(targetType)) return "recipients";
  if (SHARE_TARGETS.has(targetType)) return "acl";
  return undefined;
}

/** The guidance added to "Unsupported … operation!" messages. */
export const SUPPORTED_PAIRS =
  " Supported: a user on a delivery, request or stream (recipients), or on a volume, folder, home or collection (ACLs).";
