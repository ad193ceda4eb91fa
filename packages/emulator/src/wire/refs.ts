import type { Store } from "../store/store.js";
import { isId } from "../util.js";

/** `user:<e-mail>[<role>](<id>)`: how the backend renders a user reference (`user_hr`, `destination_hr`). */
export function userHr(store: Store, id: unknown): string | null {
  if (!isId(id)) return null;
  const u = store.getOf(["user"], id);
  return u ? `user:${String(u.code)}[${String(u.role ?? "standard")}](${id})` : null;
}

/** `<label>(<id>)`: the backend's short rendering (`site_hr`). */
export function shortHr(store: Store, id: unknown): string | null {
  if (!isId(id)) return null;
  const e = store.get(id)?.entity;
  return e ? `${String(e.code ?? e.name ?? "")}(${id})` : null;
}

/** `<kind>:<label>(<id>)`, users as in {@link userHr}: the rendering of a party or a parent. */
export function kindHr(store: Store, id: unknown): string | null {
  if (!isId(id)) return null;
  const hit = store.get(id);
  if (!hit) return null;
  if (hit.kind === "user") return userHr(store, id);
  return `${hit.kind}:${String(hit.entity.code ?? hit.entity.name ?? "")}(${id})`;
}

/** Creator and modifier travel as e-mails (`""` when unknown or the backend itself). */
export function actor(store: Store, ref: unknown): string {
  if (typeof ref !== "string") return "";
  if (!isId(ref)) return ref;
  const u = store.getOf(["user"], ref);
  return u ? String(u.code) : "";
}

/** Picks `keys` from `source` in that order; missing keys become `null`. */
export function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = source[k] ?? null;
  return out;
}
