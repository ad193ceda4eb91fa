import type { Entity } from "../util.js";
import { toWire, type WireView } from "../wire/index.js";
import type { Ctx } from "../context.js";

/** The stored entity as the caller receives it (see src/wire/: one file per entity type fixes its shape). */
export function present(ctx: Ctx, e: Entity, attributes?: string[], view: WireView = "find"): Record<string, unknown> {
  const kind = ctx.store.get(e.id)?.kind;
  if (!kind) return { id: e.id };
  return toWire(ctx, kind, e, view, attributes);
}
