/**
 * `@accsyn/api`: the complete accsyn SDK — a `Session` with every method group (entities,
 * files, acl, settings) and every type and error of the packages re-exported.
 *
 * ```ts
 * import { Session } from "@accsyn/api";
 * const session = await Session.connect({ workspace: "acmefilm" });
 * const transfers = await session.find("Transfer WHERE status=done");
 * ```
 */
import { Session as CoreSession } from "@accsyn/core";
import { acl } from "@accsyn/acl";
import { entities } from "@accsyn/entities";
import { files } from "@accsyn/files";
import { settings } from "@accsyn/settings";

/**
 * The accsyn session with every method of the Python client (see the API table in the README):
 * `const session = await Session.connect(options)`. `new Session(options)` does no I/O; the first
 * call logs in.
 */
export class Session extends CoreSession.plugin(entities, files, acl, settings) {}

export * from "@accsyn/core";
export * from "@accsyn/entities";
export * from "@accsyn/files";
export * from "@accsyn/acl";
export * from "@accsyn/settings";
