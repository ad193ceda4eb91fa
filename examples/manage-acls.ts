/**
 * Manages who can reach a shared folder (or a volume): lists its access control list, grants a user
 * read (or read-write) access from a path down, or revokes it.
 *
 *   manage-acls list <share code>
 *   manage-acls grant <share code> <user e-mail> [--write] [--path=/sub/dir]
 *   manage-acls revoke <share code> <user e-mail>
 */
import { query, type Session } from "@accsyn/api";
import { runExample } from "./connect.js";
import { userLabel } from "./format.js";

const USAGE = "usage: manage-acls list|grant|revoke <share code> [<user e-mail>] [--write] [--path=/dir]";

/** The folder or volume with this code, and its entity type. */
async function findShare(session: Session, code: string): Promise<{ type: "folder" | "volume"; id: string }> {
  const folder = await session.findOne(query`Folder WHERE code=${code}`);
  if (folder !== null) return { type: "folder", id: folder.id };
  const volume = await session.findOne(query`Volume WHERE code=${code}`);
  if (volume !== null) return { type: "volume", id: volume.id };
  throw new Error(`no folder or volume has the code ${code}`);
}

/** Prints one line per user with access to the share. */
async function printAccess(session: Session, code: string, share: { type: "folder" | "volume"; id: string }): Promise<void> {
  const acls = await session.access(share.type, share.id);
  console.log(`Access to ${share.type} ${code} (${acls.length} user(s)):`);
  for (const acl of acls) {
    console.log(`  ${userLabel(acl.user_hr, acl.user)}: ${acl.write ? "read-write" : "read-only"} from ${acl.path}`);
  }
}

await runExample(async (session, args) => {
  const [command, code, user] = args.filter((arg) => !arg.startsWith("--"));
  if (code === undefined || !["list", "grant", "revoke"].includes(command ?? "")) throw new Error(USAGE);
  if (command !== "list" && user === undefined) throw new Error(USAGE);
  const share = await findShare(session, code);

  if (command === "grant" && user !== undefined) {
    const write = args.includes("--write");
    const path = args.find((arg) => arg.startsWith("--path="))?.slice("--path=".length) ?? "/";
    // The new ACL, or `true` when the user already had an ACL on this share.
    const acl = await session.grant("user", user, share.type, share.id, { read: true, write, path, notify: false });
    if (acl === true) console.log(`${user} already had an ACL on ${code}: the backend answered true instead of a new one.`);
    else console.log(`Granted ${user} ${write ? "read-write" : "read-only"} access to ${code} from ${path} (ACL ${acl.id}).`);
  } else if (command === "revoke" && user !== undefined) {
    await session.revoke("user", user, share.type, share.id);
    console.log(`Revoked the access of ${user} to ${code}.`);
  }
  await printAccess(session, code, share);
});
