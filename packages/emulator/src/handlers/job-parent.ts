import { folderName } from "../jobs/runner.js";
import { deliveryPath } from "../jobs/deliveries.js";
import { JOB_KINDS, type Kind } from "../model.js";
import { type Entity, fail } from "../util.js";
import type { Ctx } from "../context.js";
import { optString } from "./codes.js";

/** A task as given by a client (source and destination, more attributes allowed). */
export interface TaskInput {
  source: unknown;
  destination: unknown;
  [key: string]: unknown;
}

/** Where a new job lives: a queue (the default one unless `parent` names another) or the delivery/request it belongs to. */
export interface JobParent {
  id: string | null;
  kind?: Kind;
  entity?: Entity;
}

const SUBMITTED = ["pending", "waiting", "running"];

/** The parent of a new job from its `parent` attribute (default: the default queue). */
export function jobParent(ctx: Ctx, data: Record<string, unknown>): JobParent {
  const queue = [...ctx.store.all("queue")].find((q) => q.default);
  const id = optString(data, "parent");
  if (id === undefined) return { id: queue?.id ?? null };
  const hit = ctx.store.get(id);
  if (!hit || (!JOB_KINDS.includes(hit.kind) && hit.kind !== "queue")) return fail.notFound(`Parent ${id} not found`);
  return { id, kind: hit.kind, entity: hit.entity };
}

const inDelivery = (delivery: Entity, source: unknown): boolean =>
  typeof source === "string" && source.toLowerCase().startsWith(`delivery=${delivery.id}/`);

/**
 * Checks who may create a job beneath a delivery or request, and answers its tasks:
 * - its owner (and employees) upload into it;
 * - a recipient of a submitted delivery fetches its files (reference doc/deliveries.rst, "List file transfers
 *   associated with a delivery": transfers beneath the delivery per recipient): sources `delivery=<id>/…`, or no
 *   task at all to fetch every file into `<recipient>:/<delivery code>/` (or the given destination);
 * - a recipient of a submitted request uploads into it.
 * Anything else from a standard user is refused (tests/test_delivery.py test_upload_file_to_temp_delivery_as_standard).
 */
export function tasksBeneath(ctx: Ctx, parent: JobParent, inputs: TaskInput[], destination: unknown): TaskInput[] {
  const p = parent.entity;
  if (!p || parent.kind === "queue") return inputs;
  const me = ctx.access.caller.user;
  const recipient = ((p._recipients as Array<{ user: string }> | undefined) ?? []).some((r) => r.user === me.id);
  if (parent.kind === "delivery" && recipient && p.user !== me.id && inputs.every((t) => inDelivery(p, t.source))) {
    if (!SUBMITTED.includes(String(p.status)))
      fail.bad(`Delivery ${p.id} is ${String(p.status)}: its files can be fetched once it is submitted and until it is done`);
    if (inputs.length > 0) return inputs;
    const to = typeof destination === "string" ? destination : `${String(me.code)}:/${folderName(p)}/`;
    return ctx.store.tasksOf(p.id).filter((t) => t.status !== "excluded").map((t) => ({ source: deliveryPath(p, t.source), destination: to }));
  }
  if (ctx.access.level === "standard" && p.user !== me.id && !(parent.kind === "request" && recipient))
    fail.forbidden("You cannot upload into a delivery that is not yours");
  if (parent.kind === "request" && p.user !== me.id && !SUBMITTED.includes(String(p.status)))
    fail.bad(`Request ${p.id} is ${String(p.status)}: uploads are accepted once it is submitted (status 'pending') and until it is done`);
  return inputs;
}
