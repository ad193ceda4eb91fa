/** How single values look in tables (short local dates) and in plain text (ISO dates). */

const MAX_CELL = 60;
let shortDate: Intl.DateTimeFormat | undefined;

/** The short local date format, created on first use (ICU set-up is slow; `--version` must not pay it). */
function shortDateFormat(): Intl.DateTimeFormat {
  return (shortDate ??= new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "short" }));
}

/** A cell for a terminal table: dates short and local, objects as compact JSON, long text cut. */
export function tableCell(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : shortDateFormat().format(value);
  const text = plainCell(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/** A cell for tab-separated output: dates ISO 8601, objects as compact JSON, no tabs or newlines. */
export function plainCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value).replace(/[\t\r\n]+/g, " ");
}

const UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];

/** `1536` → `1.5 KB` (powers of 1024). */
export function humanSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/**
 * The label of a backend `*_hr` reference, for terminal tables: `user:lisa@example.com[standard](<id>)`
 * → `lisa@example.com`, `workspace:acme(<id>)` → `acme`, `hq(<id>)` → `hq`. Other text is returned as is.
 */
export function hrLabel(text: string): string {
  const match = /^(?:[a-z]+:)?(.+?)(?:\[[^\]]*\])?\([0-9a-f]{24}\)$/.exec(text);
  return match?.[1] ?? text;
}

/** The value of a column: a key, or a dotted path into nested objects (`source.path` of a task). */
export function valueAt(row: Record<string, unknown>, column: string): unknown {
  if (column in row || !column.includes(".")) return row[column];
  let value: unknown = row;
  for (const key of column.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
