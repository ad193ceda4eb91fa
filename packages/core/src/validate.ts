/**
 * Checks the reference client makes before sending, shared by every method group. Each failure is
 * an {@link AccsynValidationError} raised before any request; messages keep the reference wording
 * and add what to do.
 */
import { AccsynValidationError } from "./errors.js";

const ENTITY_ID = /^[0-9a-f]{24}$/;

/** True for a 24-character lowercase hexadecimal accsyn id. */
export function isEntityId(value: unknown): value is string {
  return typeof value === "string" && ENTITY_ID.test(value);
}

/** Throws unless `value` is a 24-hex lowercase id; `message` is the reference wording. */
export function assertEntityId(value: unknown, message = "Invalid entity ID supplied!"): asserts value is string {
  if (!isEntityId(value)) {
    throw new AccsynValidationError(
      `${message} An accsyn id is 24 lowercase hexadecimal characters; got ${describe(value)}.`,
    );
  }
}

/** Throws unless `value` is a non-empty string. */
export function assertNonEmptyString(value: unknown, what: string): asserts value is string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new AccsynValidationError(`Please supply ${what} as a non-empty string; got ${describe(value)}.`);
  }
}

/** Lower-cases and trims an entity type, as the reference does before building uris. */
export function normaliseEntityType(value: unknown, what = "the entity type"): string {
  assertNonEmptyString(value, what);
  return value.trim().toLowerCase();
}

/** True for a plain object (not an array, Date, null, or class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A short, safe rendering of a bad value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return value.length > 60 ? `"${value.slice(0, 57)}…"` : JSON.stringify(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Date) return "a Date";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
