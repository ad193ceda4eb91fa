/** Access: grant, revoke, and list who has access (ACLs of shares, recipients of deliveries). */
import type { Command } from "@commander-js/extra-typings";
import type { ApiSession, Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { examples } from "./shared.js";

type GrantData = NonNullable<Parameters<ApiSession["grant"]>[4]>;

/** Targets whose access is an ACL (the others are a delivery's recipients). */
const SHARE_TYPES: ReadonlySet<string> = new Set(["volume", "folder", "home", "collection"]);

/**
 * The target's id: a share's code is looked up first (as `grant` does inside the SDK), so that
 * `access` and `revoke` accept what `grant` accepts; a malformed id is refused before any call.
 */
async function targetIdOf(session: ApiSession, targetType: string, targetId: string): Promise<string> {
  const { checkIdOrCode, resolveIdOrCode } = await import("@accsyn/api");
  const type = targetType.trim().toLowerCase();
  return resolveIdOrCode(session, type, checkIdOrCode(type, targetId, "Please supply a valid entity ID!"));
}

/** Registers `grant`, `revoke` and `access`. */
export function registerAccess(program: Command, ctx: Context): void {
  const grant = program.command("grant").description("give a user access to a share or a delivery")
    .argument("<type>", "who: user").argument("<id>", "user id or code (e-mail)")
    .argument("<target-type>", "volume, folder, home, collection, delivery, request or stream").argument("<target-id>", "target id")
    .option("--read", "read access (always given)")
    .option("--write", "write access too (default: read-only)")
    .option("--path <path>", "only below this path of the share (default /)")
    .option("--no-invite", "fail when the e-mail is not a user of the workspace, instead of inviting them (default: invite)")
    .option("--no-notify", "shares: do not e-mail the user about the new access (default: notify)")
    .option("--message <text>", "shares: a message for the notification e-mail")
    .action(async (type, id, targetType, targetId, flags) => {
      const data: GrantData = { read: true, write: Boolean(flags.write) };
      if (flags.path !== undefined) data.path = flags.path;
      if (!flags.invite) data.invite = false;
      if (!flags.notify) data.notify = false;
      if (flags.message !== undefined) data.message = flags.message;
      const result = await (await ctx.session()).grant(type, id, targetType, targetId, data);
      const granted = `Granted ${type} ${id} ${data.write ? "read/write" : "read"} access to ${targetType} ${targetId}`;
      // A share answers the new ACL, or `true` when the user already had one there; a delivery `true`.
      const isShare = SHARE_TYPES.has(targetType.trim().toLowerCase());
      const message =
        typeof result === "object" && result !== null ? `${granted} (ACL ${String(result.id)})` : isShare && result === true ? `${granted} (the user already had an ACL there)` : granted;
      await ctx.out.result(result, { message });
    });
  examples(grant, "accsyn grant user lisa@example.com folder 6f1c0e4d2a9b8c7d6e5f4a3b --write --path /incoming", "accsyn grant user lisa@example.com delivery 6f1c0e4d2a9b8c7d6e5f4a3b --no-invite");

  const revoke = program.command("revoke").description("take a user's access away")
    .argument("<type>", "who: user").argument("<id>", "user id or code (e-mail)")
    .argument("<target-type>", "volume, folder, home, collection or delivery").argument("<target-id>", "target id, or a share's code (like grant)")
    .action(async (type, id, targetType, targetId) => {
      const nothingToRevoke = () =>
        new CliError(`${type} ${id} has no access to ${targetType} ${targetId}: nothing to revoke. See who has access with: accsyn access ${targetType} ${targetId}`, EXIT.NOT_FOUND);
      // A share without the user's ACL throws (ACCSYN_NOT_FOUND from acl/find); a delivery answers false.
      const session = await ctx.session();
      const target = await targetIdOf(session, targetType, targetId);
      const result = await session.revoke(type, id, targetType, target).catch((error: { code?: unknown; uri?: unknown }) => {
        throw error.code === "ACCSYN_NOT_FOUND" && error.uri === "acl/find" ? nothingToRevoke() : error;
      });
      if (result === false) throw nothingToRevoke();
      await ctx.out.result(result, { message: `Revoked ${type} ${id}'s access to ${targetType} ${targetId}` });
    });
  examples(revoke, "accsyn revoke user lisa@example.com folder 6f1c0e4d2a9b8c7d6e5f4a3b", "accsyn revoke user lisa@example.com folder plates");

  const access = program.command("access").description("who has access to a share (ACLs) or a delivery (recipients)")
    .argument("<target-type>", "volume, folder, home, collection or delivery").argument("<target-id>", "target id, or a share's code (like grant)")
    .option("--recursive", "include shares below the target")
    .action(async (targetType, targetId, flags) => {
      const session = await ctx.session();
      const id = await targetIdOf(session, targetType, targetId);
      const list = await session.access(targetType, id, flags.recursive ? { recursive: true } : {});
      await ctx.out.result(list, { entitytype: targetType.trim().toLowerCase() === "delivery" ? "recipient" : "access" });
    });
  examples(access, "accsyn access folder 6f1c0e4d2a9b8c7d6e5f4a3b", "accsyn access folder plates", "accsyn access volume 6f1c0e4d2a9b8c7d6e5f4a3b --recursive --json");
}
