/** Machine output: `--json` (one document, dates ISO 8601) and `--ndjson` (one value a line). */

/** The JSON text of a value: indented, dates as ISO 8601 (through `Date.toJSON`), `null` for nothing. */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2);
}

/** One compact JSON line. */
export function toJsonLine(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Newline-delimited JSON: each element of a list on its own line, anything else on one line. */
export function toNdjson(value: unknown): string {
  const items = Array.isArray(value) ? value : [value];
  return items.map(toJsonLine).join("\n");
}
