/**
 * `@accsyn/acl`: who may use what — `grant`, `access` and `revoke` for delivery/request/stream
 * recipients and share ACLs, as a plugin for `@accsyn/core` and as standalone functions.
 *
 * ```ts
 * import { Session } from "@accsyn/core";
 * import { acl } from "@accsyn/acl";
 * const AclSession = Session.plugin(acl);
 * const session = await AclSession.connect();
 * await session.grant("user", "bob@partner.example", "folder", "plates", { read: true, write: false }); // both required
 * ```
 */
import type { Acl, CallOptions, Session } from "@accsyn/core";
import { access, type AccessOptions, type Recipient, type ShareAccess } from "./access.js";
import { grant, type GrantArguments, type GrantData, type GrantShareResult, type ShareGrantData } from "./grant.js";
import { revoke } from "./revoke.js";
import type { RecipientListTargetType, RecipientTargetType, ShareTargetType } from "./targets.js";

export { grant, type GrantArguments, type GrantData, type GrantShareResult, type ShareGrantData } from "./grant.js";
export { access, toShareAccess, type AccessOptions, type Recipient, type ShareAccess } from "./access.js";
export { revoke } from "./revoke.js";
export { CODE_LOOKUP_TYPES, checkId, checkIdOrCode, findIdByCode, resolveIdOrCode, type IdOrCode } from "./lookup.js";
export type { AccessOperation, AccessTargetType, RecipientListTargetType, RecipientTargetType, ShareTargetType } from "./targets.js";

/** `grant` bound to a session (see the standalone {@link grant}). */
export interface GrantMethod {
  (entitytype: "user", entityId: string, targetType: RecipientTargetType, targetId: string, data?: GrantData, options?: CallOptions): Promise<boolean>;
  (entitytype: "user", entityId: string, targetType: ShareTargetType, targetId: string, data: ShareGrantData, options?: CallOptions): Promise<GrantShareResult>;
  <T extends string>(entitytype: string, entityId: string, targetType: T, targetId: string, ...rest: GrantArguments<T>): Promise<boolean | Acl>;
}

/** `access` bound to a session (see the standalone {@link access}). */
export interface AccessMethod {
  (targetType: RecipientListTargetType, targetId: string, options?: AccessOptions): Promise<Recipient[]>;
  (targetType: ShareTargetType, targetId: string, options?: AccessOptions): Promise<ShareAccess[]>;
  (targetType: string, targetId: string, options?: AccessOptions): Promise<Recipient[] | ShareAccess[]>;
}

/** The methods the `acl` plugin adds to a session. */
export type AclMethods = {
  /** Grants a user access to a delivery/request/stream (`true`) or a share (the new `Acl`, or `true` when it existed). */
  grant: GrantMethod;
  /** Lists the recipients of a delivery (`Recipient[]`), or who has access to a share (`ShareAccess[]`). */
  access: AccessMethod;
  /** Revokes a user's access to a delivery or a share: `true`, or `false` when there was none. */
  revoke: (
    entitytype: "user" | (string & {}),
    entityId: string,
    targetType: RecipientListTargetType | ShareTargetType | (string & {}),
    targetId: string,
    options?: CallOptions,
  ) => Promise<boolean>;
};

/** The access method group: `Session.plugin(acl)` gives sessions `grant`, `access` and `revoke`. */
export function acl(session: Session): AclMethods {
  return {
    grant: ((entitytype: string, entityId: string, targetType: string, targetId: string, data?: GrantData, options?: CallOptions) =>
      grant(session, entitytype, entityId, targetType, targetId, data, options)) as GrantMethod,
    access: ((targetType: string, targetId: string, options?: AccessOptions) => access(session, targetType, targetId, options)) as AccessMethod,
    revoke: (entitytype, entityId, targetType, targetId, options) => revoke(session, entitytype, entityId, targetType, targetId, options),
  };
}
