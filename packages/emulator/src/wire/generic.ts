import { ATTRIBUTES, type Kind } from "../model.js";
import { actor } from "./refs.js";
import type { WireShape } from "./types.js";

/**
 * Kinds without a documented answer of their own (workspace, site, engine): the known attributes of the
 * kind ({@link ATTRIBUTES}) that the entity has, creator and modifier as e-mails.
 */
export function genericWire(kind: Kind): WireShape {
  return {
    render(ctx, e) {
      const out: Record<string, unknown> = {};
      for (const k of ATTRIBUTES[kind]) {
        if (e[k] === undefined) continue;
        out[k] = k === "creator" || k === "modifier" ? actor(ctx.store, e[k]) : e[k];
      }
      return out;
    },
  };
}
