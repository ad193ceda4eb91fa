import type { Ctx } from "../context.js";
import type { Resolved } from "./paths.js";
import { aclRules } from "../access/acl-rules.js";

/** One access rule inside a share: a relative path and what it allows. */
interface Rule {
  path: string;
  read: boolean;
  write: boolean;
}

/** What the caller may do at relative paths of one share. */
export interface SharePerm {
  /** May read (list, download) at `rel`. */
  read(rel: string): boolean;
  /** May write (upload, mkdir, rename, delete) at `rel`. */
  write(rel: string): boolean;
  /** May list `rel` (readable, or an ancestor of a granted path). */
  list(rel: string): boolean;
  /** May see child `name` of the listed directory `rel`. */
  showChild(rel: string, name: string): boolean;
}

const FULL: SharePerm = { read: () => true, write: () => true, list: () => true, showChild: () => true };

const norm = (p: string): string => p.split("/").filter((s) => s && s !== ".").join("/");
const covers = (rule: string, rel: string): boolean => rule === "" || rel === rule || rel.startsWith(`${rule}/`);
const join = (rel: string, name: string): string => (rel ? `${rel}/${name}` : name);

/** The caller's permissions inside a resolved share: full for admins, owners and employees on folders; ACL rules otherwise. */
export function permFor(ctx: Ctx, r: Resolved): SharePerm {
  const level = ctx.access.level;
  const me = ctx.access.caller.user.id;
  if (level === "admin") return FULL;
  if (r.kind === "delivery") {
    const owner = r.share.user === me || level === "employee";
    return owner ? FULL : { ...FULL, write: () => false };
  }
  if (r.kind === "home" && r.share.user === me) return FULL;
  if (level === "employee" && r.kind !== "volume") return FULL;
  const rules: Rule[] = [];
  for (const acl of ctx.store.all("acl")) {
    if (acl.entity === `user:${me}` && acl.target === `share:${r.share.id}` && !acl._inactive)
      for (const x of aclRules(acl)) rules.push({ path: norm(x.path), read: x.read, write: x.write });
  }
  const read = (rel: string): boolean => rules.some((x) => x.read && covers(x.path, rel));
  return {
    read,
    write: (rel) => rules.some((x) => x.write && covers(x.path, rel)),
    list: (rel) => read(rel) || rules.some((x) => x.path.startsWith(rel === "" ? "" : `${rel}/`) && x.path !== rel),
    showChild: (rel, name) => read(rel) || rules.some((x) => covers(join(rel, name), x.path) || covers(x.path, join(rel, name))),
  };
}
