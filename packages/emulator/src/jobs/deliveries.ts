import { cpSync, mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { EmulatorState } from "../context.js";
import { ApiError, type Entity, wireDate } from "../util.js";
import { ctxFor, resolveEnd } from "./endpoints.js";
import { markActioned } from "./phases.js";
import { sizeOf } from "./size.js";

/** How long a submitted delivery stays available (accsyn doc delivery/create.md: "by default it is set to a month/30 days"). */
export const DELIVERY_LIFETIME_MS = 30 * 24 * 3600_000;

/** The path of a delivery's file as its recipients fetch it: `delivery=<id>/<file name>`. */
export function deliveryPath(delivery: Entity, source: unknown): string {
  const name = typeof source === "string" ? (source.split(/[\\/=]/).pop() ?? "") : "";
  return `delivery=${delivery.id}/${name}`;
}

/**
 * One step of a delivery. Submitted (`pending`): its files are gathered into the delivery's own storage (files of
 * a share are copied there, uploads already are) and its size measured, then it is `waiting` for its recipients
 * to fetch it — nothing is pushed to them (reference doc/deliveries.rst "Submit delivery", "List file transfers
 * associated with a delivery"). It stays `waiting` until it expires and is set `done` (accsyn doc
 * delivery/index.md "What will happen when the delivery expires?"), or its owner sets `done` or `aborted`.
 */
export function stepDelivery(state: EmulatorState, job: Entity): void {
  const { store } = state;
  if (job.status === "pending") {
    const owner = typeof job.user === "string" ? store.get(job.user)?.entity : undefined;
    if (!owner) throw new ApiError(400, "The delivery has no owner");
    const ctx = ctxFor(state, owner);
    const own = resolveEnd(ctx, `delivery=${job.id}/`, true).abs;
    let size = 0;
    for (const task of store.tasksOf(job.id)) {
      if (task.status === "excluded") continue;
      const src = resolveEnd(ctx, task.source, false);
      const target = join(own, basename(src.abs));
      if (src.abs !== target) {
        mkdirSync(own, { recursive: true });
        cpSync(src.abs, target, { recursive: true });
      }
      const bytes = sizeOf(target);
      size += bytes;
      store.update(task.id, { size: bytes });
    }
    const expires = wireDate(new Date(Date.now() + DELIVERY_LIFETIME_MS));
    store.update(job.id, { status: "waiting", size, progress: 0, expires });
    return;
  }
  const expires = typeof job.expires === "string" ? Date.parse(`${job.expires}Z`) : NaN;
  if (job.status === "waiting" && expires <= Date.now()) store.update(job.id, { status: "done", finished: wireDate() });
}

/** A finished transfer beneath a delivery (a recipient's fetch) or a request (an upload) actions its user there. */
export function actionParent(state: EmulatorState, job: Entity): void {
  const parent = typeof job.parent === "string" ? state.store.get(job.parent) : undefined;
  if ((parent?.kind === "request" || parent?.kind === "delivery") && typeof job.user === "string") markActioned(state.store, parent.entity, job.user);
}
