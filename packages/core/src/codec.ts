/**
 * The wire codec: JSON text exactly as the reference Python client writes it (`json.dumps` with
 * default separators and `ensure_ascii`), date decoding of answers, the payload size estimate and
 * the gzip wrapping of large payloads. Pure functions, no I/O.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { AccsynValidationError } from "./errors.js";

/** Payloads whose {@link estimatePayloadSize} exceeds this (strictly) travel as `gz_data`. */
export const GZ_THRESHOLD = 102_400;

/** Options of {@link encodeJson}. */
export interface EncodeJsonOptions {
  /** Indent by four spaces (for logs); the wire form is compact. */
  pretty?: boolean;
}

interface Style {
  /** One line with `", "` separators (false), or one member per line (true). */
  readonly multiline: boolean;
  /** Indent unit of the multi-line form. */
  readonly indent: string;
  /** How a Date is written (without quotes). */
  readonly date: (date: Date) => string;
}

const NON_ASCII = /[\u0080-\uffff]/g;
const HAS_NON_ASCII = /[\u0080-\uffff]/;
const HAS_HIGH_SURROGATE = /[\ud800-\udbff]/;
const OBJECT_ID = "ObjectId:";
/** "00" … "99". */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
/** Nesting limit of encoded values; deeper means circular (or absurd). */
const MAX_DEPTH = 1000;

/**
 * Formats a Date as the protocol's UTC `YYYY-MM-DDTHH:MM:SS` (no fraction, no zone).
 * @throws AccsynValidationError for an invalid Date or a year outside 1–9999.
 */
export function formatUtcDateTime(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) {
    throw new AccsynValidationError(`Cannot send the date ${String(date)}: it must be a valid date in the years 1 to 9999`);
  }
  const yyyy = year >= 1000 ? String(year) : String(year).padStart(4, "0");
  const t = TWO_DIGITS;
  return `${yyyy}-${t[date.getUTCMonth() + 1]}-${t[date.getUTCDate()]}T${t[date.getUTCHours()]}:${t[date.getUTCMinutes()]}:${t[date.getUTCSeconds()]}`;
}

/** Python's `datetime.isoformat()` of the UTC instant (microseconds only when non-zero). */
function formatIsoLikePython(date: Date): string {
  const ms = date.getUTCMilliseconds();
  return ms === 0 ? formatUtcDateTime(date) : `${formatUtcDateTime(date)}.${String(ms).padStart(3, "0")}000`;
}

/** Escapes every non-ASCII UTF-16 unit as `\uxxxx`, as Python's `ensure_ascii` does. */
function escapeNonAscii(text: string): string {
  if (!HAS_NON_ASCII.test(text)) return text;
  return text.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Collects the pieces of one encoding, joined once at the end. */
class Writer {
  readonly parts: string[] = [];

  constructor(readonly style: Style) {}

  /** Writes one value; false when there is nothing to write (undefined, functions, symbols). */
  value(value: unknown, key: string | number, depth: number, pad: string): boolean {
    switch (typeof value) {
      case "string":
        this.parts.push(JSON.stringify(value));
        return true;
      case "number":
        this.parts.push(Number.isFinite(value) ? String(value) : "null");
        return true;
      case "boolean":
        this.parts.push(value ? "true" : "false");
        return true;
      case "bigint":
        this.parts.push(value.toString());
        return true;
      case "object":
        if (value === null) this.parts.push("null");
        else return this.object(value, key, depth, pad);
        return true;
      default:
        return false;
    }
  }

  /** Writes a non-null object: Date, array, toJSON-able, boxed primitive or record. */
  object(value: object, key: string | number, depth: number, pad: string): boolean {
    if (value instanceof Date) {
      this.parts.push(`"${this.style.date(value)}"`);
      return true;
    }
    if (depth > MAX_DEPTH) throw new AccsynValidationError(`Cannot encode the value as JSON: it is circular or nested deeper than ${MAX_DEPTH} levels`);
    if (Array.isArray(value)) return this.array(value, depth, pad);
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return this.value(toJSON.call(value, String(key)), key, depth, pad);
    if (value instanceof Number || value instanceof String || value instanceof Boolean) return this.value(value.valueOf(), key, depth, pad);
    if (value instanceof Map || value instanceof Set) {
      throw new AccsynValidationError("Cannot encode a Map or Set as JSON; convert it to a plain object or an array first");
    }
    return this.record(value as Record<string, unknown>, depth, pad);
  }

  /** Writes an array; items with nothing to write become `null`. */
  array(list: readonly unknown[], depth: number, pad: string): true {
    const parts = this.parts;
    if (list.length === 0) {
      parts.push("[]");
      return true;
    }
    const multiline = this.style.multiline;
    const inner = pad + this.style.indent;
    const sep = multiline ? `,\n${inner}` : ", ";
    parts.push(multiline ? `[\n${inner}` : "[");
    for (let i = 0; i < list.length; i++) {
      if (i > 0) parts.push(sep);
      if (!this.value(list[i], i, depth + 1, inner)) parts.push("null");
    }
    parts.push(multiline ? `\n${pad}]` : "]");
    return true;
  }

  /** Writes a record in key order; members with nothing to write are left out. */
  record(record: Record<string, unknown>, depth: number, pad: string): true {
    const parts = this.parts;
    const multiline = this.style.multiline;
    const inner = pad + this.style.indent;
    const sep = multiline ? `,\n${inner}` : ", ";
    const open = parts.length;
    parts.push(multiline ? `{\n${inner}` : "{");
    let first = true;
    for (const key of Object.keys(record)) {
      const mark = parts.length;
      parts.push(first ? "" : sep, JSON.stringify(key), ": ");
      if (this.value(record[key], key, depth + 1, inner)) first = false;
      else parts.length = mark;
    }
    if (first) parts[open] = "{}";
    else parts.push(multiline ? `\n${pad}}` : "}");
    return true;
  }

  /** The text, ASCII-only. */
  text(): string {
    return escapeNonAscii(this.parts.join(""));
  }
}

/** Encodes with a style; top-level nothing is `null`. */
function encodeWith(value: unknown, style: Style): string {
  const writer = new Writer(style);
  if (!writer.value(value, "", 0, "")) return "null";
  return writer.text();
}

const WIRE: Style = { multiline: false, indent: "", date: formatUtcDateTime };
const WIRE_PRETTY: Style = { multiline: true, indent: "    ", date: formatUtcDateTime };

/**
 * Encodes a value as the reference client does: `", "` and `": "` separators, non-ASCII as
 * `\uxxxx`, Dates as UTC `YYYY-MM-DDTHH:MM:SS`. `undefined` members are skipped (like
 * `JSON.stringify`), non-finite numbers become `null`, bigints are written as integers.
 * @throws AccsynValidationError for circular structures, Maps, Sets and invalid Dates.
 */
export function encodeJson(value: unknown, options: EncodeJsonOptions = {}): string {
  const style = options.pretty ? WIRE_PRETTY : WIRE;
  return encodeWith(value, style);
}

/**
 * `Session.dump`: Python's `json.dumps(value, indent=indent, default=isoformat)`; Dates appear as
 * UTC `YYYY-MM-DDTHH:MM:SS` (with `.ffffff` when they have milliseconds); `null` gives `"None"`.
 */
export function dump(value: unknown, indent = 4): string {
  if (value === null || value === undefined) return "None";
  const width = Number.isFinite(indent) ? Math.max(0, Math.trunc(indent)) : 4;
  const style: Style = { multiline: true, indent: " ".repeat(width), date: formatIsoLikePython };
  return encodeWith(value, style);
}

/** Parses ASCII digits `[from, from + count)` of `s`; -1 when any is not a digit. */
function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Builds the UTC Date, years below 100 included. */
function utcDate(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): Date {
  if (y >= 100) return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date;
}

/**
 * Reads an answer date string: `YYYY-MM-DDTHH:MM:SS` or `YY-MM-DDTHH:MM:SS` (`YY` as Python's
 * `%y`: 69–99 → 19xx, else 20xx), optionally followed by `.mmm`, as UTC. Anything else (offsets,
 * `Z`, other lengths, impossible dates, another millisecond separator) gives `undefined`.
 */
export function parseUtcDateTime(s: string): Date | undefined {
  const len = s.length;
  let o: number;
  let year: number;
  if ((len === 19 || len === 23) && s.charCodeAt(4) === 45) {
    o = 5;
    year = digits(s, 0, 4);
    if (year < 1) return undefined;
  } else if ((len === 17 || len === 21) && s.charCodeAt(2) === 45) {
    o = 3;
    year = digits(s, 0, 2);
    if (year < 0) return undefined;
    year += year < 69 ? 2000 : 1900;
  } else return undefined;
  // MM-DDTHH:MM:SS[.mmm] from offset o
  if (s.charCodeAt(o + 2) !== 45 || s.charCodeAt(o + 5) !== 84 || s.charCodeAt(o + 8) !== 58 || s.charCodeAt(o + 11) !== 58) {
    return undefined;
  }
  let ms = 0;
  if (len - o === 18) {
    if (s.charCodeAt(o + 14) !== 46) return undefined;
    ms = digits(s, o + 15, 3);
    if (ms < 0) return undefined;
  }
  const month = digits(s, o, 2);
  const day = digits(s, o + 3, 2);
  const hour = digits(s, o + 6, 2);
  const minute = digits(s, o + 9, 2);
  const second = digits(s, o + 12, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return utcDate(year, month, day, hour, minute, second, ms);
}

/** Decodes one answer string: ObjectId prefix stripped, or a date, or unchanged (same reference). */
function reviveString(s: string): string | Date {
  const len = s.length;
  if (len >= 9 && s.charCodeAt(0) === 79 && s.startsWith(OBJECT_ID)) return s.replaceAll(OBJECT_ID, "");
  if (len === 19 || len === 23 || len === 17 || len === 21) return parseUtcDateTime(s) ?? s;
  return s;
}

/** Revives the members of an array in place. */
function reviveArray(list: unknown[]): void {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item === "string") {
      const revived = reviveString(item);
      if (revived !== item) list[i] = revived;
    } else if (typeof item === "object" && item !== null) reviveContainer(item);
  }
}

/** Revives the members of a parsed object in place (an own `__proto__` member stays a member). */
function reviveRecord(record: Record<string, unknown>): void {
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (typeof item === "string") {
      const revived = reviveString(item);
      if (revived === item) continue;
      if (key === "__proto__") Object.defineProperty(record, key, { value: revived, writable: true, enumerable: true, configurable: true });
      else record[key] = revived;
    } else if (typeof item === "object" && item !== null) reviveContainer(item);
  }
}

/** Dispatches on array or record. */
function reviveContainer(value: object): void {
  if (Array.isArray(value)) reviveArray(value);
  else if (!(value instanceof Date)) reviveRecord(value as Record<string, unknown>);
}

/**
 * Decodes answer values in place, wherever they are (object members, array items, top level):
 * date strings become Dates (see {@link parseUtcDateTime}) and strings starting with `ObjectId:`
 * lose every `ObjectId:` occurrence. Returns the value (a new one only for a top-level string).
 */
export function reviveDates(value: unknown): unknown {
  if (typeof value === "string") return reviveString(value);
  if (typeof value === "object" && value !== null) reviveContainer(value);
  return value;
}

/**
 * Parses an answer body and decodes dates and ObjectId prefixes ({@link reviveDates}).
 * @throws SyntaxError when the text is not JSON (the session turns it into a protocol error).
 */
export function decodeAnswer(text: string): unknown {
  return reviveDates(JSON.parse(text));
}

/** Python's `len()`: code points, a surrogate pair counting once. */
function codePointLength(s: string): number {
  if (!HAS_HIGH_SURROGATE.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * The reference client's payload size estimate: an object counts `len(key) + estimate(value)` per
 * member, an array the sum of its items, a string its length in code points, `null` (Python
 * `None`) 0 and any other value 10. `undefined` members are skipped as they are not sent.
 */
export function estimatePayloadSize(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "string") return codePointLength(value);
  if (typeof value !== "object" || value instanceof Date) return 10;
  let total = 0;
  if (Array.isArray(value)) {
    for (const item of value) total += estimatePayloadSize(item);
    return total;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item !== undefined) total += codePointLength(key) + estimatePayloadSize(item);
  }
  return total;
}

/** True when `data` must travel as `gz_data`: its estimate exceeds {@link GZ_THRESHOLD}. */
export function exceedsGzThreshold(data: unknown): boolean {
  return estimatePayloadSize(data) > GZ_THRESHOLD;
}

/**
 * Gzips text (level 9, MTIME 0, OS byte 255 like Python's `gzip` module) and returns base64:
 * the `gz_data` form.
 */
export function gzipBase64(text: string): string {
  const gz = gzipSync(Buffer.from(text, "utf8"), { level: 9 });
  gz[9] = 255;
  return gz.toString("base64");
}

/** Reverses {@link gzipBase64}: base64 → gunzip → UTF-8 text. */
export function gunzipBase64(b64: string): string {
  return gunzipSync(Buffer.from(b64, "base64")).toString("utf8");
}
