import type { Ctx } from "../context.js";
import type { Entity } from "../util.js";
import { actor, userHr } from "./refs.js";
import type { WireShape } from "./types.js";

/** The attributes every share (volume, folder, home, collection) answers with. */
function common(ctx: Ctx, e: Entity): Record<string, unknown> {
  return {
    code: e.code, created: e.created, creator: actor(ctx.store, e.creator), description: e.description ?? "",
    email: typeof e.email === "string" ? e.email : "", id: e.id, metadata: e.metadata ?? {}, modified: e.modified,
    modifier: actor(ctx.store, e.modifier), name: e.name,
  };
}

/** `status_hr`: the status capitalised (`Enabled`), as tests/test_filesharing.py shows. */
function statusHr(status: unknown): string {
  const s = String(status ?? "");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `share:<name>[volume](<id>)`: the parent volume of a folder or home. */
function parentHr(ctx: Ctx, parent: unknown): string | null {
  const v = typeof parent === "string" ? ctx.store.getOf(["volume"], parent) : undefined;
  return v ? `share:${String(v.name ?? v.code)}[volume](${v.id})` : null;
}

/**
 * A volume as the backend answers it (reference doc/filesharing.rst, List volumes): code, created, creator,
 * default, description, email, id, licensed, metadata, modified, modifier, name, path, paths, queue, status, type.
 */
export const volumeWire: WireShape = {
  render(ctx, e) {
    const c = common(ctx, e);
    return {
      code: c.code, created: c.created, creator: c.creator, default: e.default === true, description: c.description, email: c.email,
      id: e.id, licensed: e.licensed !== false, metadata: c.metadata, modified: c.modified, modifier: c.modifier, name: c.name,
      path: e.path, paths: e.paths ?? {}, queue: e.queue ?? null, status: e.status, type: e.type ?? "volume",
    };
  },
};

/**
 * A folder, home or collection as the backend answers it (reference doc/filesharing.rst, List folders;
 * tests/test_filesharing.py EXPECTED_FOLDER_ATTRIBUTES): code, created, creator, description, email, id,
 * metadata, modified, modifier, name, parent, parent_hr, path, queue, status, status_hr; a home adds
 * `user`/`user_hr`. A collection answers "on the same format as a folder" (its parent is `null`).
 */
export const folderWire: WireShape = {
  render(ctx, e) {
    const out: Record<string, unknown> = {
      ...common(ctx, e), parent: e.parent ?? null, parent_hr: parentHr(ctx, e.parent), path: e.path ?? "", queue: e.queue ?? null,
      status: e.status, status_hr: statusHr(e.status),
    };
    if (e.user !== undefined) Object.assign(out, { user: e.user, user_hr: userHr(ctx.store, e.user) });
    return out;
  },
};
