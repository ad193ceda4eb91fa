/**
 * Answer decoding: JSON text parsed, then date strings turned into `Date`s wherever they are, and
 * `ObjectId:` prefixes stripped from object members (as the reference does; strings that are items
 * of a list, or the whole answer, keep them). Pure functions, no I/O.
 */
import { parseUtcDateTime } from "./dates.js";
import { objectPrototypeIsClean } from "./prototype.js";

const OBJECT_ID = "ObjectId:";

/** Decodes one member string: ObjectId prefix stripped, or a date, or unchanged (same reference). */
function reviveString(s: string): string | Date {
  const len = s.length;
  if (len >= 9 && s.charCodeAt(0) === 79 && s.startsWith(OBJECT_ID)) {
    return s.indexOf(OBJECT_ID, 9) === -1 ? s.slice(9) : s.replaceAll(OBJECT_ID, "");
  }
  return reviveDateString(s);
}

/** Decodes a string that is a list item or the whole answer: a date, or unchanged (`ObjectId:` kept). */
function reviveDateString(s: string): string | Date {
  const len = s.length;
  if (len === 19 || len === 23 || len === 17 || len === 21) return parseUtcDateTime(s) ?? s;
  return s;
}

/** Stores a member (revived, or a list put back); an own `__proto__` member stays a member. */
export function setMember(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
}

/** Revives the items of an array in place. */
function reviveArray(list: unknown[], parsed: boolean): void {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item === "string") {
      const revived = reviveDateString(item);
      if (revived !== item) list[i] = revived;
    } else if (typeof item === "object" && item !== null) reviveContainer(item, parsed);
  }
}

/** Revives the members of any object in place. */
function reviveRecord(record: Record<string, unknown>): void {
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === "string") {
      const revived = reviveString(item);
      if (revived !== item) setMember(record, key, revived);
    } else if (typeof item === "object" && item !== null) reviveContainer(item, false);
  }
}

/**
 * Revives the members of an object fresh from `JSON.parse` in place. `for…in` walks V8's enum
 * cache without allocating a key array per object (less garbage on large answers); it sees only
 * own members because such objects inherit from a clean `Object.prototype` (checked by the caller).
 */
function reviveParsedRecord(record: Record<string, unknown>): void {
  for (const key in record) {
    const item = record[key];
    if (typeof item === "string") {
      const revived = reviveString(item);
      if (revived !== item) setMember(record, key, revived);
    } else if (typeof item === "object" && item !== null) reviveContainer(item, true);
  }
}

/** Dispatches on array or record; `parsed` values come straight from `JSON.parse`. */
function reviveContainer(value: object, parsed: boolean): void {
  if (Array.isArray(value)) reviveArray(value, parsed);
  else if (parsed) reviveParsedRecord(value as Record<string, unknown>);
  else if (!(value instanceof Date)) reviveRecord(value as Record<string, unknown>);
}

/**
 * Decodes answer values in place: date strings become Dates wherever they are (object members,
 * array items, top level; see {@link parseUtcDateTime}); object members that start with
 * `ObjectId:` lose every `ObjectId:` occurrence, while list items and a top-level string keep
 * theirs, as in the reference. Returns the value (a new one only for a top-level string).
 */
export function reviveDates(value: unknown): unknown {
  if (typeof value === "string") return reviveDateString(value);
  if (typeof value === "object" && value !== null) reviveContainer(value, false);
  return value;
}

/**
 * Decodes one item of a list fresh from `JSON.parse` as {@link decodeAnswer} would inside the whole
 * answer (dates, and `ObjectId:` stripped from the members of objects, not from the item itself).
 * `parsed` says the item's objects inherit from a clean `Object.prototype`.
 */
export function reviveListItem(item: unknown, parsed: boolean): unknown {
  if (typeof item === "string") return reviveDateString(item);
  if (typeof item === "object" && item !== null) reviveContainer(item, parsed);
  return item;
}

/**
 * Parses an answer body and decodes dates and ObjectId prefixes ({@link reviveDates}).
 * @throws SyntaxError when the text is not JSON (the session turns it into a protocol error).
 */
export function decodeAnswer(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (typeof value === "string") return reviveDateString(value);
  if (typeof value === "object" && value !== null) reviveContainer(value, objectPrototypeIsClean());
  return value;
}
