/**
 * The request checks of CONFORMANCE.md "What must match": recorded requests against the ones our
 * SDK sent (count, order, method, path, headers, decoded event modulo placeholders, `gz_data`),
 * and the JSON comparison (dates by instant, placeholders by rule) that outcomes use too.
 */
import { gunzipSync } from "node:zlib";
import { substitute, type ReplayContext } from "./mapping.js";
import type { ReceivedRequest } from "./replay-server.js";
import type { Exchange, VectorRequest } from "./vectors.js";

/** An expected value that is checked by a rule instead of equality. */
export class Matcher {
  constructor(
    readonly label: string,
    /** Returns a problem description, or `undefined` when `actual` matches. */
    readonly check: (actual: unknown) => string | undefined,
  ) {}
}

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NOW_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

const uuid4 = new Matcher("<uuid4>", (actual) => (typeof actual === "string" && UUID4.test(actual) ? undefined : "not a uuid v4"));
const nowUtc = new Matcher("<now-utc>", (actual) => {
  if (typeof actual !== "string" || !NOW_UTC.test(actual)) return "not YYYY-MM-DDTHH:MM:SS";
  const skew = Math.abs(Date.parse(`${actual}Z`) - Date.now());
  return skew <= 60_000 ? undefined : `not within a minute of now (off by ${Math.round(skew / 1000)} s)`;
});

/** The expected form of a recorded JSON value: placeholders become matchers or real values. */
export function expectedJson(value: unknown, ctx: ReplayContext): unknown {
  if (value instanceof Date || value instanceof Matcher) return value;
  if (value === "<uuid4>") return uuid4;
  if (value === "<now-utc>") return nowUtc;
  if (typeof value === "string") return substitute(value, ctx);
  if (Array.isArray(value)) return value.map((item) => expectedJson(item, ctx));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expectedJson(item, ctx)]));
  }
  return value;
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "Date";
  return typeof value;
}

/** A short rendering of a value for problem reports. */
export function show(value: unknown): string {
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()})`;
  if (value instanceof Matcher) return value.label;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/**
 * Deep comparison with JSON semantics: same keys (an `undefined` value counts as absent), `null`
 * where `null`, same types; `Date` by instant; {@link Matcher}s by their rule.
 */
export function compareValues(actual: unknown, expected: unknown, path: string, problems: string[]): void {
  if (expected instanceof Matcher) {
    const problem = expected.check(actual);
    if (problem) problems.push(`${path}: ${show(actual)} ${problem}`);
    return;
  }
  if (kind(actual) !== kind(expected)) {
    problems.push(`${path}: expected ${kind(expected)} ${show(expected)}, got ${kind(actual)} ${show(actual)}`);
    return;
  }
  if (expected instanceof Date) {
    if ((actual as Date).getTime() !== expected.getTime()) problems.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
    return;
  }
  if (Array.isArray(expected)) {
    const list = actual as unknown[];
    if (list.length !== expected.length) {
      problems.push(`${path}: expected ${expected.length} items ${show(expected)}, got ${list.length} ${show(list)}`);
      return;
    }
    expected.forEach((item, index) => compareValues(list[index], item, `${path}[${index}]`, problems));
    return;
  }
  if (expected && typeof expected === "object") {
    const got = actual as Record<string, unknown>;
    const want = expected as Record<string, unknown>;
    const gotKeys = Object.keys(got).filter((key) => got[key] !== undefined);
    for (const key of Object.keys(want)) {
      if (!(key in got) || got[key] === undefined) problems.push(`${path}.${key}: missing (expected ${show(want[key])})`);
      else compareValues(got[key], want[key], `${path}.${key}`, problems);
    }
    for (const key of gotKeys) if (!(key in want)) problems.push(`${path}.${key}: unexpected key (value ${show(got[key])})`);
    return;
  }
  if (actual !== expected) problems.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
}

function header(request: ReceivedRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Decodes the event our SDK sent: the whole query string (GET/DELETE) or the body (PUT/POST). */
function decodeEvent(request: ReceivedRequest, where: string, problems: string[]): unknown {
  const text = request.method === "GET" || request.method === "DELETE" ? request.rawQuery : request.body ?? "";
  try {
    if (request.method === "GET" || request.method === "DELETE") {
      if (text.includes("+")) problems.push(`${where}: query string contains '+' (spaces must be %20, '+' must be %2B)`);
      return text === "" ? {} : JSON.parse(decodeURIComponent(text));
    }
    return JSON.parse(text);
  } catch (error) {
    problems.push(`${where}: cannot decode the event (${(error as Error).message}): ${text.slice(0, 200)}`);
    return undefined;
  }
}

function gzMatcher(payload: unknown, ctx: ReplayContext): Matcher {
  const expected = expectedJson(payload, ctx);
  return new Matcher("<gz_data of gz_data_decoded>", (actual) => {
    if (typeof actual !== "string") return "gz_data is not a string";
    let decoded: unknown;
    try {
      decoded = JSON.parse(gunzipSync(Buffer.from(actual, "base64")).toString("utf8"));
    } catch (error) {
      return `gz_data does not inflate to JSON (${(error as Error).message})`;
    }
    const problems: string[] = [];
    compareValues(decoded, expected, "gz_data_decoded", problems);
    return problems.length ? problems.join("; ") : undefined;
  });
}

/** Checks one recorded request against the one received. */
function compareRequest(expected: VectorRequest, actual: ReceivedRequest, where: string, ctx: ReplayContext, problems: string[]): void {
  if (actual.method !== expected.method) problems.push(`${where}: method ${actual.method}, expected ${expected.method}`);
  if (actual.path !== substitute(expected.path, ctx)) problems.push(`${where}: path ${actual.path}, expected ${expected.path}`);
  for (const name of ["Authorization", "X-Accsyn-Workspace"]) {
    const want = expected.headers[name] ?? undefined;
    const got = header(actual, name);
    if (got !== want) problems.push(`${where}: header ${name} ${got === undefined ? "absent" : JSON.stringify(got)}, expected ${want === undefined ? "absent" : JSON.stringify(want)}`);
  }
  const device = header(actual, "X-Accsyn-Device");
  const wantDevice = expected.headers["X-Accsyn-Device"] !== null && expected.headers["X-Accsyn-Device"] !== undefined;
  if (wantDevice && !device) problems.push(`${where}: X-Accsyn-Device header missing`);
  if (!wantDevice && device) problems.push(`${where}: X-Accsyn-Device header sent, the vector has none`);
  const event = decodeEvent(actual, where, problems);
  if (event === undefined) return;
  const want = expectedJson(expected.event, ctx) as Record<string, unknown> | null;
  if (want && typeof want === "object" && "gz_data" in want) {
    if (expected.gz_data_decoded === undefined) problems.push(`${where}: vector has gz_data but no gz_data_decoded`);
    else want.gz_data = gzMatcher(expected.gz_data_decoded, ctx);
  }
  compareValues(event, want, `${where} event`, problems);
}

/** Checks count, order and content of every request. */
export function compareRequests(exchanges: Exchange[], received: ReceivedRequest[], ctx: ReplayContext, problems: string[]): void {
  const count = Math.max(exchanges.length, received.length);
  for (let index = 0; index < count; index++) {
    const want = exchanges[index]?.request;
    const got = received[index];
    const where = `request #${index + 1}`;
    if (!want && got) {
      problems.push(`${where}: unexpected ${got.method} ${got.path} ${got.rawQuery ? decodeSafely(got.rawQuery).slice(0, 200) : (got.body ?? "").slice(0, 200)} (answered 599)`);
    } else if (want && !got) {
      problems.push(`${where}: expected ${want.method} ${want.path} (uri ${eventUri(want.event)}) was never sent`);
    } else if (want && got) {
      compareRequest(want, got, `${where} (${want.method} ${eventUri(want.event) ?? want.path})`, ctx, problems);
    }
  }
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The `uri` of a recorded event, when it has one. */
export function eventUri(event: unknown): string | undefined {
  return event && typeof event === "object" && typeof (event as { uri?: unknown }).uri === "string" ? (event as { uri: string }).uri : undefined;
}
