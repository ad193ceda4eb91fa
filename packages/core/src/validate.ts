/**
 * Checks the reference client makes before sending, shared by every method group. Each failure is
 * an {@link AccsynValidationError} raised before any request; messages keep the reference wording
 * and add what to do.
 */
import { AccsynValidationError } from "./errors.js";

/** The reference client's id check: 24 lower-case letters or digits (real ids are hexadecimal). */
const ENTITY_ID = /^[a-z0-9]{24}$/;

/**
 * True for an accsyn id as the reference client judges one: 24 lower-case letters or digits. Methods
 * that lower-case an id before judging it (grant, revoke, access, activateOne) use {@link toIdCandidate} first.
 */
export function isEntityId(value: unknown): value is string {
  return typeof value === "string" && ENTITY_ID.test(value);
}

/** Throws unless `value` is an id ({@link isEntityId}); `message` is the reference wording. */
export function assertEntityId(value: unknown, message = "Invalid entity ID supplied!"): asserts value is string {
  if (!isEntityId(value)) {
    throw new AccsynValidationError(
      `${message} An accsyn id is 24 lower-case hexadecimal characters; got ${describe(value)}.`,
    );
  }
}

/** Throws unless `value` is a non-empty string. */
export function assertNonEmptyString(value: unknown, what: string): asserts value is string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new AccsynValidationError(`Please supply ${what} as a non-empty string; got ${describe(value)}.`);
  }
}

/**
 * An id argument as the reference client reads it before judging it: trimmed and lower-cased, so
 * that `"5F0C…"` is the id `"5f0c…"`, not a code. Non-strings are returned unchanged.
 */
export function toIdCandidate<T>(value: T): T | string {
  return typeof value === "string" ? value.trim().toLowerCase() : value;
}

/**
 * The option as given, or `fallback` when it was left out (`undefined`) — Python's
 * `data.get(key, fallback)` and keyword defaults. `null` stays `null`: the reference sends `None` as
 * `null`, which the backend may read differently from `false`.
 */
export function givenOr<T, F>(value: T | undefined, fallback: F): Exclude<T, undefined> | F {
  return value === undefined ? fallback : (value as Exclude<T, undefined>);
}

/** Python's `a or b`: `a` when it is truthy (in Python's sense), else `b`. */
export function pythonOr<A, B>(a: A, b: B): A | B {
  return isTruthy(a) ? a : b;
}

/**
 * Python truthiness: false for `undefined`, `null`, `false`, `0`, `""`, an empty list and an empty
 * plain object; true otherwise.
 */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
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
