import type { Store } from "../store/store.js";
import type { Entity } from "../util.js";
import { actor } from "./refs.js";
import type { WireShape } from "./types.js";

/** `entity_hr` of an ACL: the user's e-mail (tests/test_filesharing.py, session.access). */
function entityHr(store: Store, ref: unknown): string {
  const id = typeof ref === "string" ? ref.replace(/^user:/, "") : "";
  return String(store.get(id)?.entity.code ?? id);
}

/** `target_hr` of an ACL: the share's code; a folder or home below a volume as `<volume code>/<path>`. */
function targetHr(store: Store, ref: unknown): string {
  const id = typeof ref === "string" ? ref.replace(/^[a-z]+:/, "") : "";
  const hit = store.get(id);
  if (!hit) return id;
  const parent = typeof hit.entity.parent === "string" ? store.getOf(["volume"], hit.entity.parent) : undefined;
  return parent ? `${String(parent.code)}/${String(hit.entity.path ?? hit.entity.code)}` : String(hit.entity.code);
}

/**
 * An ACL as the backend answers it (tests/test_filesharing.py EXPECTED_ACL_ATTRIBUTES): acknowledged,
 * created, creator, description, entity, id, path, read, role, status, target, token, write; `acl/find`
 * answers add `entity_hr` and `target_hr`.
 */
export const aclWire: WireShape = {
  render(ctx, e: Entity, view) {
    const out: Record<string, unknown> = {
      acknowledged: e.acknowledged === true, created: e.created, creator: actor(ctx.store, e.creator), description: e.description ?? "",
      entity: e.entity, id: e.id, path: e.path ?? "/", read: e.read === true, role: e.role ?? "standard", status: e.status ?? "enabled",
      target: e.target, token: typeof e.token === "string" ? e.token : "", write: e.write === true,
    };
    if (view === "find") Object.assign(out, { entity_hr: entityHr(ctx.store, e.entity), target_hr: targetHr(ctx.store, e.target) });
    return out;
  },
};
