import { CLIENT_TYPE_HR } from "../model.js";
import type { Store } from "../store/store.js";
import { type Entity, isId } from "../util.js";
import type { Ctx } from "./context.js";

/** Human-readable rendering of a reference: `user:lisa@example.com[standard](<id>)`, `queue:acme(<id>)`. */
export function hr(store: Store, id: unknown): string | undefined {
  if (typeof id !== "string") return undefined;
  const bare = id.includes(":") ? id.slice(id.indexOf(":") + 1) : id;
  if (!isId(bare)) return undefined;
  const hit = store.get(bare);
  if (!hit) return undefined;
  const label = String(hit.entity.code ?? hit.entity.name ?? "");
  const extra = hit.kind === "user" ? `[${String(hit.entity.role ?? "standard")}]` : "";
  return `${hit.kind}:${label}${extra}(${bare})`;
}

const REFS = ["user", "parent", "job", "site", "queue", "entity", "target"];

/** The entity as the caller sees it: `*_hr` references added, hidden attributes removed, optional projection. */
export function present(ctx: Ctx, e: Entity, attributes?: string[]): Record<string, unknown> {
  const out = ctx.access.filter(e);
  for (const ref of REFS) {
    if (out[ref] === undefined) continue;
    const text = hr(ctx.store, out[ref]);
    if (text !== undefined) out[`${ref}_hr`] = text;
  }
  if (typeof out.type === "number") out.type_hr = CLIENT_TYPE_HR[out.type] ?? String(out.type);
  if (typeof out.status === "string" && "parent" in out && out.status_hr === undefined && e._share)
    out.status_hr = out.status;
  if (!attributes) return out;
  const projected: Record<string, unknown> = { id: out.id };
  for (const a of attributes) if (a in out) projected[a] = out[a];
  return projected;
}
