import type { Ctx } from "../context.js";
import type { Entity } from "../util.js";
import { partyHr, partyOf, partyRef } from "./party.js";
import { actor, kindHr, userHr } from "./refs.js";
import type { WireShape } from "./types.js";

/** Source and destination of a job: the parties of its first task (`<entitytype>:<id>` plus `*_hr`). */
function parties(ctx: Ctx, e: Entity): { source: string; source_hr: string | null; destination: string; destination_hr: string | null } {
  const first = ctx.store.tasksOf(e.id)[0];
  const src = partyOf(ctx, first?.source ?? e.source, e.user);
  const dst = partyOf(ctx, first?.destination ?? e.destination, e.user);
  return { source: partyRef(src), source_hr: partyHr(ctx, src), destination: partyRef(dst), destination_hr: partyHr(ctx, dst) };
}

/** Documented job attributes outside the default answer (reference doc/transfers.rst), given when asked for. */
function jobExtra(ctx: Ctx, e: Entity): Record<string, unknown> {
  return {
    description: e.description ?? "", metadata: e.metadata ?? {}, modified: e.modified, modifier: actor(ctx.store, e.modifier),
    parent: e.parent ?? null, parent_hr: kindHr(ctx.store, e.parent), priority: e.priority, uri: String(e.code ?? ""),
    ...(e.expires !== undefined ? { expires: e.expires } : {}),
  };
}

/** An edit answers the job with the stamp of the change (`modified`, `modifier`) appended. */
function stamped(ctx: Ctx, e: Entity, out: Record<string, unknown>, view: string): Record<string, unknown> {
  return view === "edit" ? { ...out, modified: e.modified, modifier: actor(ctx.store, e.modifier) } : out;
}

/**
 * A transfer or compute job as the backend answers it (reference doc/transfers.rst, Query): code, created,
 * destination, destination_hr, etr, finished, id, name, progress, size, source, source_hr, speed, status,
 * user, user_hr. Never `tasks` (tests/test_delivery.py).
 */
export const jobWire: WireShape = {
  render(ctx, e, view) {
    const p = parties(ctx, e);
    return stamped(ctx, e, {
      code: e.code, created: e.created, destination: p.destination, destination_hr: p.destination_hr, etr: e.etr == null ? "" : String(e.etr),
      finished: e.finished ?? null, id: e.id, name: e.name, progress: e.progress ?? 0, size: e.size ?? 0, source: p.source, source_hr: p.source_hr,
      speed: e.speed ?? -1, status: e.status, user: e.user ?? null, user_hr: userHr(ctx.store, e.user),
    }, view);
  },
  extra: jobExtra,
};

/**
 * A delivery (and the other recipient jobs: request, stream) as the backend answers it
 * (tests/test_delivery.py): the job attributes without `destination`, plus `public`.
 */
export const deliveryWire: WireShape = {
  render(ctx, e, view) {
    const { destination: _d, destination_hr: _h, ...job } = jobWire.render(ctx, e, "find");
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(job)) {
      if (k === "size") out.public = e.public === true;
      out[k] = v;
    }
    return stamped(ctx, e, out, view);
  },
  extra: jobExtra,
};
