/**
 * Dates on the wire: the UTC `YYYY-MM-DDTHH:MM:SS` form the client sends, Python's `isoformat()`
 * for `dump`, and the forms the backend answers with. Pure functions, no I/O.
 */
import { AccsynValidationError } from "./errors.js";

/** "00" … "99". */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const DAY_MS = 86_400_000;

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
export function formatIsoLikePython(date: Date): string {
  const ms = date.getUTCMilliseconds();
  return ms === 0 ? formatUtcDateTime(date) : `${formatUtcDateTime(date)}.${String(ms).padStart(3, "0")}000`;
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

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Builds the UTC Date, years below 100 included (which `Date.UTC` would map to 19xx). */
function utcDate(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): Date {
  if (y >= 100) return new Date(daysFromCivil(y, mo, d) * DAY_MS + h * 3_600_000 + mi * 60_000 + s * 1_000 + ms);
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
