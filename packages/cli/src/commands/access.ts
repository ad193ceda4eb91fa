/** Access: grant, revoke, and list who has access (ACLs of shares, recipients of deliveries). */
import type { Command } from "@commander-js/extra-typings";
import type { ApiSession, Context } from "../context.js";
import { examples } from "./shared.js";

type GrantData = NonNullable<Parameters<ApiSession["grant"]>[4]>;

/** Targets whose access is an ACL (the others are a delivery's recipients). */
const SHARE_TYPES: ReadonlySet<string> = new Set(["volume", "folder", "home", "collection"]);

/** Registers `grant`, `revoke` and `access`. */
export function registerAccess(program: Command, ctx: Context): void {
  const grant = program.command("grant").description("give a user access to a share or a delivery")
    .argument("<type>", "who: user").argument("<id>", "user id or code (e-mail)")
    .argument("<target-type>", "volume, folder, home, collection, delivery, request or stream").argument("<target-id>", "target id")
    .option("--read", "read access (always given; the default)")
    .option("--write", "write access too")
    .option("--path <path>", "only below this path of the share (default /)")
    .option("--no-invite", "do not send an invitation e-mail")
    .action(async (type, id, targetType, targetId, flags) => {
      const data: GrantData = { read: true, write: Boolean(flags.write) };
      if (flags.path !== undefined) data.path = flags.path;
      if (!flags.invite) data.invite = false;
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
    .argument("<target-type>", "volume, folder, home, collection or delivery").argument("<target-id>", "target id")
    .action(async (type, id, targetType, targetId) => {
      const result = await (await ctx.session()).revoke(type, id, targetType, targetId);
      const message = result === false ? `${type} ${id} had no access to ${targetType} ${targetId}` : `Revoked ${type} ${id}'s access to ${targetType} ${targetId}`;
      await ctx.out.result(result, { message });
    });
  examples(revoke, "accsyn revoke user lisa@example.com folder 6f1c0e4d2a9b8c7d6e5f4a3b");

  const access = program.command("access").description("who has access to a share (ACLs) or a delivery (recipients)")
    .argument("<target-type>", "volume, folder, home, collection or delivery").argument("<target-id>", "target id")
    .option("--recursive", "include shares below the target")
    .action(async (targetType, targetId, flags) => {
      const list = await (await ctx.session()).access(targetType, targetId, flags.recursive ? { recursive: true } : {});
      await ctx.out.result(list, { entitytype: targetType.trim().toLowerCase() === "delivery" ? "recipient" : "access" });
    });
  examples(access, "accsyn access folder 6f1c0e4d2a9b8c7d6e5f4a3b", "accsyn access volume 6f1c0e4d2a9b8c7d6e5f4a3b --recursive --json");
}
