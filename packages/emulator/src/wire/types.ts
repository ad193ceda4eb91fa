import type { Ctx } from "../context.js";
import type { Entity } from "../util.js";

/** Which answer an entity is rendered for: some attributes appear only in some answers. */
export type WireView = "find" | "create" | "edit";

/** Converts one stored entity of a kind to the attributes the backend answers with. */
export interface WireShape {
  /** The attributes of the default answer, in the backend's order. */
  render(ctx: Ctx, e: Entity, view: WireView): Record<string, unknown>;
  /** Documented attributes outside the default answer, given only when asked for by name (`attributes=`). */
  extra?(ctx: Ctx, e: Entity): Record<string, unknown>;
}
