import type { Entity } from "../util.js";

/** One path rule of an ACL. */
export interface AclRule {
  path: string;
  read: boolean;
  write: boolean;
}

/** The path rules of an ACL (several when a user was granted several paths of one share). */
export function aclRules(acl: Entity): AclRule[] {
  const rules = acl._rules as AclRule[] | undefined;
  return rules ?? [{ path: String(acl.path ?? "/"), read: acl.read === true, write: acl.write === true }];
}

/** The wire attributes of an ACL holding `rules` (path list, any read, any write) plus the rules themselves. */
export function summary(rules: AclRule[]): Record<string, unknown> {
  return { path: rules.map((r) => r.path).join(","), read: rules.some((r) => r.read), write: rules.some((r) => r.write), _rules: rules };
}
