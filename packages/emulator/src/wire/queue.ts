import { actor } from "./refs.js";
import type { WireShape } from "./types.js";

/** Queue dates carry an offset on the real service (`2026-02-09T09:17:45+01:00`); the emulator runs in UTC. */
function withOffset(date: unknown): unknown {
  return typeof date === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(date) ? `${date}+00:00` : date;
}

/**
 * A queue as the backend answers it (reference doc/queues.rst): code, compute_default, created, creator,
 * default, description, id, metadata, modified, modifier, name, priority, status, uri (the workspace's
 * name for a top-level queue). `created`/`modified` carry a UTC offset, so clients keep them as strings.
 */
export const queueWire: WireShape = {
  render(ctx, e) {
    return {
      code: e.code, compute_default: e.compute_default === true, created: withOffset(e.created), creator: actor(ctx.store, e.creator),
      default: e.default === true, description: e.description ?? "", id: e.id, metadata: e.metadata ?? {}, modified: withOffset(e.modified),
      modifier: actor(ctx.store, e.modifier), name: e.name, priority: e.priority, status: e.status, uri: String(ctx.state.workspace().name ?? ""),
    };
  },
};
