/**
 * The wire codec: JSON text exactly as the reference Python client writes it (`json.dumps` with
 * default separators and `ensure_ascii`). Answer decoding lives in revive.ts, dates in dates.ts,
 * the payload estimate and gzip in payload.ts; all are re-exported here. Pure functions, no I/O.
 */
import { formatIsoLikePython, formatUtcDateTime } from "./dates.js";
import { AccsynValidationError } from "./errors.js";
import { BACKSLASH, COLON, COMMA, QUOTE, SPACE } from "./json-bytes.js";
import { objectPrototypeIsClean } from "./prototype.js";

export { formatUtcDateTime, parseUtcDateTime } from "./dates.js";
export { GZ_THRESHOLD, estimatePayloadSize, exceedsGzThreshold, gunzipBase64, gzipBase64 } from "./payload.js";
export { decodeAnswer, reviveDates } from "./revive.js";

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
/** Nesting limit of encoded values; deeper means circular (or absurd). */
const MAX_DEPTH = 1000;

/** Escapes every non-ASCII UTF-16 unit as `\uxxxx`, as Python's `ensure_ascii` does. */
function escapeNonAscii(text: string): string {
  // ASCII-only exactly when the UTF-8 length equals the length (a native scan, faster than a regex)
  if (Buffer.byteLength(text, "utf8") === text.length) return text;
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

/**
 * True when `JSON.stringify` writes `value` exactly as the wire {@link Writer} does, separators
 * aside: plain records (prototype `Object.prototype` or none) and arrays without `toJSON`, holding
 * strings, numbers, booleans, null and members `JSON.stringify` skips too, at most
 * {@link MAX_DEPTH} deep. Dates, bigints, boxed values, class instances and cycles take the Writer.
 * `forIn`: walk members with `for…in`, which allocates no key array per object; only when
 * {@link objectPrototypeIsClean}, so that it sees own members only.
 */
function isPlainJson(value: unknown, depth: number, forIn: boolean): boolean {
  if (typeof value !== "object") return typeof value !== "bigint";
  if (value === null) return true;
  if (depth > MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], depth + 1, forIn)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const record = value as Record<string, unknown>;
  if (forIn) {
    for (const key in record) if (!isPlainJson(record[key], depth + 1, true)) return false;
  } else {
    for (const key of Object.keys(record)) if (!isPlainJson(record[key], depth + 1, false)) return false;
  }
  return true;
}

/** {@link isPlainJson} of a whole value, walking members the cheapest safe way. */
function isPlainJsonValue(value: unknown): boolean {
  return isPlainJson(value, 0, objectPrototypeIsClean());
}

/**
 * Compact ASCII JSON (from `JSON.stringify`) as UTF-8 bytes with Python's separators: a space after
 * every `,` and `:` outside strings. The text and the result share one buffer; strings are found
 * with native `indexOf` and long ones copied with `copyWithin` (base64, paths), short ones byte by
 * byte.
 */
function withPythonSeparators(json: string): Buffer {
  const n = json.length;
  // the text, then the result: at most one separator per two characters
  const buf = Buffer.allocUnsafe(n + n + (n >> 1) + 1);
  buf.write(json, 0, "latin1");
  const text = buf.subarray(0, n);
  let backslash = nextIndex(text, BACKSLASH, 0);
  let i = 0;
  let j = n;
  while (i < n) {
    const c = buf[i++]!;
    buf[j++] = c;
    if (c === QUOTE) {
      // copy the string through its closing quote; an escape is copied with the escaped character
      while (i < n) {
        const quote = nextIndex(text, QUOTE, i);
        const end = quote < backslash ? quote + 1 : backslash + 2;
        if (end - i > 32) {
          buf.copyWithin(j, i, end);
          j += end - i;
          i = end;
        } else while (i < end) buf[j++] = buf[i++]!;
        if (quote < backslash) break;
        backslash = nextIndex(text, BACKSLASH, i);
      }
    } else if (c === COMMA || c === COLON) buf[j++] = SPACE;
  }
  return buf.subarray(n, j);
}

/** Index of the next `byte` in `text` from `from`, or the text's length. */
function nextIndex(text: Buffer, byte: number, from: number): number {
  const at = text.indexOf(byte, from);
  return at < 0 ? text.length : at;
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
  if (options.pretty) return encodeWith(value, WIRE_PRETTY);
  if (!isPlainJsonValue(value)) return encodeWith(value, WIRE);
  return withPythonSeparators(escapeNonAscii(JSON.stringify(value) ?? "null")).toString("latin1");
}

/**
 * The bytes `gz_data` carries before compression: `data` as compact ASCII JSON. The backend parses
 * them and CONFORMANCE compares them decoded, never as text, so Python's cosmetic separators are
 * left out here: that spares a pass over the whole payload and a few percent of the bytes to
 * compress. Values `JSON.stringify` would write differently (Dates, bigints, boxed values, class
 * instances) go through the wire encoder, separators included.
 * @throws AccsynValidationError as {@link encodeJson}.
 */
export function encodeGzPayload(value: unknown): Buffer {
  if (!isPlainJsonValue(value)) return Buffer.from(encodeWith(value, WIRE), "latin1");
  return Buffer.from(escapeNonAscii(JSON.stringify(value) ?? "null"), "latin1");
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
