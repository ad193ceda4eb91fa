import { actor, shortHr, userHr } from "./refs.js";
import type { WireShape } from "./types.js";

/**
 * A client (app, server, user server…) as the backend answers it (reference doc/clients.rst): benchmark,
 * code, created, description, host_ident, id, last_checkin, modified, modifier, os, parent, roles (a
 * comma-separated string), site, site_hr (`<code>(<id>)`), status, type, user, user_hr, username, version, wan_ip.
 */
export const clientWire: WireShape = {
  render(ctx, e) {
    return {
      benchmark: typeof e.benchmark === "number" ? e.benchmark : -1, code: e.code, created: e.created, description: e.description ?? "",
      host_ident: e.host_ident ?? "", id: e.id, last_checkin: e.last_checkin ?? null, modified: e.modified, modifier: actor(ctx.store, e.modifier),
      os: e.os ?? "", parent: e.parent ?? null, roles: Array.isArray(e.roles) ? e.roles.join(",") : String(e.roles ?? ""),
      site: e.site ?? null, site_hr: shortHr(ctx.store, e.site), status: e.status, type: e.type, user: e.user ?? null,
      user_hr: userHr(ctx.store, e.user), username: typeof e.username === "string" ? e.username : "", version: e.version ?? "",
      wan_ip: e.wan_ip ?? "",
    };
  },
  extra: (_ctx, e) => ({ metadata: e.metadata ?? {} }),
};
