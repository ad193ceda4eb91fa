/**
 * Which targets `grant`, `access` and `revoke` handle, and by which backend operation — per method,
 * as the reference client decides: `grant` adds recipients to deliveries, requests and streams;
 * `access` and `revoke` handle recipients of deliveries only.
 */

/** Jobs whose access is their recipient list (`job/recipient/*`) for `grant`. */
export type RecipientTargetType = "delivery" | "request" | "stream";

/** The job whose recipients `access` lists and `revoke` removes. */
export type RecipientListTargetType = "delivery";

/** Shares whose access is their ACLs (`acl/*`). */
export type ShareTargetType = "volume" | "folder" | "home" | "collection";

/** Every target type access can be granted to. */
export type AccessTargetType = RecipientTargetType | ShareTargetType;

/** The methods whose targets differ. */
export type AccessOperation = "grant" | "access" | "revoke";

const RECIPIENT_TARGETS: Record<AccessOperation, ReadonlySet<string>> = {
  grant: new Set<string>(["delivery", "request", "stream"]),
  access: new Set<string>(["delivery"]),
  revoke: new Set<string>(["delivery"]),
};
const SHARE_TARGETS: ReadonlySet<string> = new Set<ShareTargetType>(["volume", "folder", "home", "collection"]);

/** How `operation` manages access to a (normalised) target type, or `undefined` when it does not. */
export function targetKind(targetType: string, operation: AccessOperation = "grant"): "recipients" | "acl" | undefined {
  if (RECIPIENT_TARGETS[operation].has(targetType)) return "recipients";
  if (SHARE_TARGETS.has(targetType)) return "acl";
  return undefined;
}

/** The guidance added to "Unsupported … operation!" messages. */
export function supportedPairs(operation: AccessOperation): string {
  const jobs = operation === "grant" ? "a delivery, request or stream" : "a delivery";
  return ` Supported: a user on ${jobs} (recipients), or on a volume, folder, home or collection (ACLs).`;
}
