import type { Ctx } from "../context.js";
import type { Kind } from "../model.js";
import type { Entity } from "../util.js";
import { aclWire } from "./acl.js";
import { clientWire } from "./client.js";
import { fileWire } from "./file.js";
import { genericWire } from "./generic.js";
import { deliveryWire, jobWire } from "./job.js";
import { queueWire } from "./queue.js";
import { folderWire, volumeWire } from "./share.js";
import { taskWire } from "./task.js";
import type { WireShape, WireView } from "./types.js";
import { userWire } from "./user.js";

export type { WireShape, WireView } from "./types.js";

/** The one conversion from stored state to the answer, per kind. */
const SHAPES: Partial<Record<Kind, WireShape>> = {
  user: userWire, queue: queueWire, transfer: jobWire, compute: jobWire, delivery: deliveryWire, request: deliveryWire,
  stream: deliveryWire, task: taskWire, volume: volumeWire, folder: folderWire, home: folderWire, collection: folderWire,
  file: fileWire, client: clientWire, acl: aclWire,
};

/** The wire shape of a kind. */
export function shapeOf(kind: Kind): WireShape {
  return SHAPES[kind] ?? genericWire(kind);
}

/**
 * An entity as the caller receives it: the kind's wire shape, attributes the caller's role may not see
 * removed, and, when `attributes` is given, only `id` and those attributes (documented extras included).
 */
export function toWire(ctx: Ctx, kind: Kind, e: Entity, view: WireView = "find", attributes?: string[]): Record<string, unknown> {
  const shape = shapeOf(kind);
  let out = shape.render(ctx, e, view);
  if (attributes) {
    const full = { ...shape.extra?.(ctx, e), ...out };
    out = { id: e.id };
    for (const a of attributes) if (Object.hasOwn(full, a)) out[a] = full[a];
  }
  for (const k of Object.keys(out)) if (!ctx.access.seesAttribute(k)) delete out[k];
  return out;
}
