import type { Entity } from "../util.js";

/**
 * The order tasks are dispatched in: higher `priority` first ("the file brief_v001.pdf will be sent first",
 * accsyn doc developer/job-specification.md "Priorities"), then numeric uris in order, then creation order.
 */
export function dispatchOrder(a: Entity, b: Entity): number {
  const byPriority = Number(b.priority ?? 0) - Number(a.priority ?? 0);
  if (byPriority !== 0) return byPriority;
  const x = Number(a.uri);
  const y = Number(b.uri);
  return Number.isNaN(x) || Number.isNaN(y) ? 0 : x - y;
}
