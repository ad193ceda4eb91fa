/**
 * Large payloads: the reference client's size estimate that decides when `data` travels as
 * `gz_data`, and the gzip + base64 wrapping itself. Pure functions, no I/O.
 */
import { gunzipSync, gzipSync } from "node:zlib";

/** Payloads whose {@link estimatePayloadSize} exceeds this (strictly) travel as `gz_data`. */
export const GZ_THRESHOLD = 102_400;

const HAS_HIGH_SURROGATE = /[\ud800-\udbff]/;

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
 * The estimate of `value`, or, once the running total passes `limit`, that partial total (already
 * enough to know the full estimate exceeds `limit`: every term is non-negative).
 */
function estimateUpTo(value: unknown, limit: number): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "string") return codePointLength(value);
  if (typeof value !== "object" || value instanceof Date) return 10;
  let total = 0;
  if (Array.isArray(value)) {
    for (const item of value) {
      total += estimateUpTo(item, limit - total);
      if (total > limit) return total;
    }
    return total;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item === undefined) continue;
    total += codePointLength(key);
    total += estimateUpTo(item, limit - total);
    if (total > limit) return total;
  }
  return total;
}

/**
 * The reference client's payload size estimate: an object counts `len(key) + estimate(value)` per
 * member, an array the sum of its items, a string its length in code points, `null` (Python
 * `None`) 0 and any other value 10. `undefined` members are skipped as they are not sent.
 */
export function estimatePayloadSize(value: unknown): number {
  return estimateUpTo(value, Infinity);
}

/**
 * True when `data` must travel as `gz_data`: its estimate exceeds {@link GZ_THRESHOLD}. Stops
 * counting as soon as it does, so a large payload is not walked twice in full.
 */
export function exceedsGzThreshold(data: unknown): boolean {
  return estimateUpTo(data, GZ_THRESHOLD) > GZ_THRESHOLD;
}

/**
 * Gzips text, or its UTF-8 bytes, (level 9, MTIME 0, OS byte 255 like Python's `gzip` module) and
 * returns base64: the `gz_data` form.
 */
export function gzipBase64(text: string | Uint8Array): string {
  const gz = gzipSync(typeof text === "string" ? Buffer.from(text, "utf8") : text, { level: 9 });
  gz[9] = 255;
  return gz.toString("base64");
}

/** Reverses {@link gzipBase64}: base64 → gunzip → UTF-8 text. */
export function gunzipBase64(b64: string): string {
  return gunzipSync(Buffer.from(b64, "base64")).toString("utf8");
}
