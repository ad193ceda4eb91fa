import { actor } from "./refs.js";
import type { WireShape } from "./types.js";

/**
 * A user as the backend answers it (reference doc/users.rst): code, created, creator, description, id,
 * logged_in (`null` until the user first logs in), metadata, modified, modifier, name, queue, role, status.
 * There is no `clearance` attribute (the role is `role`).
 */
export const userWire: WireShape = {
  render(ctx, e) {
    return {
      code: e.code, created: e.created, creator: actor(ctx.store, e.creator), description: e.description ?? "", id: e.id,
      logged_in: typeof e.logged_in === "string" ? e.logged_in : null, metadata: e.metadata ?? {}, modified: e.modified,
      modifier: actor(ctx.store, e.modifier), name: e.name, queue: e.queue ?? null, role: e.role, status: e.status,
    };
  },
};
