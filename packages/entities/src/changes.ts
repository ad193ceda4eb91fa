/**
 * Change detection for `watch`: which attributes a poll compares, and which of them differ
 * between two answers for the same entity.
 */

/** Entity types that are jobs (their `find` hides finished ones unless `finished: true`). */
export const JOB_TYPES: ReadonlySet<string> = new Set(["job", "transfer", "delivery", "request", "stream", "compute"]);

/**
 * The attributes a watch polls by default to notice a change of an entity of `entitytype`:
 * jobs `status` and `progress` (both in the documented job answer); tasks `status`; anything else
 * `status` and `modified`. Attributes an entity does not have are simply absent from the answer.
 */
export function defaultWatchAttributes(entitytype: string): string[] {
  if (JOB_TYPES.has(entitytype)) return ["status", "progress"];
  if (entitytype === "task") return ["status"];
  return ["status", "modified"];
}

/** True when two attribute values are the same (dates by instant, objects and lists by content). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  return keysA.every((key) => Object.hasOwn(recordB, key) && sameValue(recordA[key], recordB[key]));
}

/**
 * The attributes whose value differs between `before` and `after`, sorted. With `knownOnly`
 * (when `before` is only the polled projection of the entity) only attributes `before` has count.
 */
export function changedAttributes(before: Record<string, unknown>, after: Record<string, unknown>, knownOnly = false): string[] {
  const keys = new Set(Object.keys(before));
  if (!knownOnly) for (const key of Object.keys(after)) keys.add(key);
  const changed: string[] = [];
  for (const key of keys) if (!sameValue(before[key], after[key])) changed.push(key);
  return changed.sort();
}

/** The id of an entity of an answer, or `undefined` when it has none. */
export function idOf(entity: unknown): string | undefined {
  if (typeof entity !== "object" || entity === null) return undefined;
  const id = (entity as { id?: unknown }).id;
  return typeof id === "string" && id !== "" ? id : undefined;
}
