/** Argument checks shared by the settings methods. */
import { AccsynValidationError, assertNonEmptyString, describe, type CallOptions } from "@accsyn/core";

/** Options naming the entity a setting belongs to. */
export interface EntityIdOption extends CallOptions {
  /** The entity's id; leave out for the workspace. */
  entityId?: string;
}

/** Throws unless an optional string argument is absent or a non-empty string. */
export function assertOptionalString(value: unknown, what: string): void {
  if (value !== undefined && value !== null) assertNonEmptyString(value, what);
}

/** Throws unless an optional count is absent or a whole number >= 0. */
export function assertOptionalCount(value: unknown, what: string): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new AccsynValidationError(`Invalid ${what} supplied, must be a whole number >= 0; got ${describe(value)}.`);
  }
}

/** The `id` of the event: the entity id when one was given (the reference sends it only when truthy). */
export function idPayload(entityId: string | undefined | null): { id?: string } {
  if (entityId !== "") assertOptionalString(entityId, "the entity id (entityId)");
  return entityId ? { id: entityId } : {};
}

/** Keeps only the `signal` of a method's options, for `session.request`. */
export function signalOnly(options: CallOptions): CallOptions {
  return options.signal ? { signal: options.signal } : {};
}
