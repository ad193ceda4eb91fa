/**
 * Helpers shared by the entity methods: reading answers the way the reference client does.
 */
import type { Answer, Session } from "@accsyn/core";

/** An object of entity attributes as sent to the backend (dates as `Date`). */
export type EntityData = Record<string, unknown>;

/** The `result` key of an answer, as the caller's type (the backend's shape is not checked). */
export function resultOf<T>(answer: Answer): T {
  return answer.result as T;
}

/**
 * The first entity of a list result, `null` for none; warns when there were several, with the
 * reference client's wording.
 */
export function firstOf<T>(session: Session, result: unknown): T | null {
  if (!Array.isArray(result)) return (result ?? null) as T | null;
  if (result.length === 0) return null;
  if (result.length > 1) session.log.warn(`Multiple entities retreived(${result.length}), returning first one.`);
  return result[0] as T;
}

/** The call options to pass on to `session.request` (only the signal). */
export function requestOptions(options: { signal?: AbortSignal } | undefined): { signal?: AbortSignal } {
  return options?.signal ? { signal: options.signal } : {};
}

/** The event's `id` when one is given (the reference sends it only when truthy). */
export function idIfGiven(entityId: string | null | undefined): { id?: string } {
  return typeof entityId === "string" && entityId !== "" ? { id: entityId } : {};
}
