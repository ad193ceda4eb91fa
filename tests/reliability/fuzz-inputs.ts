/**
 * Fuzz inputs for the emulator: the real request events of the recorded vectors, mutated (types, nesting,
 * huge strings, unicode, missing keys, bogus uris, invalid gz_data, malformed JSON, wrong methods), plus
 * wholly random events and bodies. Mutations are plain data, so fast-check can shrink and print them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { VECTORS_DIR } from "../support/vectors-dir.js";

/** One recorded request event. */
export interface BaseEvent {
  method: string;
  event: Record<string, unknown>;
}

/** A request to send: method, where the text goes, and the text. */
export interface FuzzRequest {
  method: string;
  /** `query` (the whole query string, percent-encoded) or `body`. */
  carrier: "query" | "body";
  text: string;
}

type Mutation =
  | { kind: "set"; path: number[]; value: unknown }
  | { kind: "delete"; path: number[] }
  | { kind: "uri"; value: string }
  | { kind: "gz"; value: string }
  | { kind: "method"; value: string }
  | { kind: "carrier" };

type Serialisation = { kind: "json" } | { kind: "truncate"; at: number } | { kind: "garbage"; at: number; insert: string };

/** Every `/api/v3/event` request of the vectors (calls and prior calls). */
export function vectorEvents(): BaseEvent[] {
  const out: BaseEvent[] = [];
  for (const name of readdirSync(VECTORS_DIR).filter((n) => n.endsWith(".json")).sort()) {
    const vector = JSON.parse(readFileSync(join(VECTORS_DIR, name), "utf8")) as {
      exchanges?: Array<{ request: { path: string; method: string; event: unknown } }>;
      prior_calls?: Array<{ exchanges?: Array<{ request: { path: string; method: string; event: unknown } }> }>;
    };
    const exchanges = [...(vector.prior_calls ?? []).flatMap((p) => p.exchanges ?? []), ...(vector.exchanges ?? [])];
    for (const { request } of exchanges) {
      if (request.path === "/api/v3/event" && request.event && typeof request.event === "object")
        out.push({ method: request.method, event: request.event as Record<string, unknown> });
    }
  }
  return out;
}

const nested = (depth: number): unknown => {
  let v: unknown = "bottom";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { d: v };
  return v;
};

const gz = (text: string): string => gzipSync(Buffer.from(text)).toString("base64");

const hostileStrings = fc.constantFrom(
  "", " ", "share=../../../etc/passwd", "/etc/passwd", "share=projects/%2e%2e/%2e%2e", "C:\\Windows\\system32", "\u0000", "ObjectId:ObjectId:x",
  "2023-02-30T25:61:61", "99-99-99T99:99:99.999", "ffffffffffffffffffffffff", "FFFFFFFFFFFFFFFFFFFFFFFF", "user:", "share:", "' OR 1=1 --",
  "code=\"", "(((((", "id in ", "re('(a+)+$')", "__proto__", "constructor", "NaN", "-1", "1e309", "🎬🎞️ é ß 中文 \u202e", "\ud800",
);

/** Values of any JSON type, hostile strings, huge strings and deep nesting. */
export const fuzzValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 31), {}, []), weight: 3 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
  { arbitrary: hostileStrings, weight: 4 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 3_000_000 }).map((n) => "x".repeat(n)), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 1_500 }).map(nested), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 5 }), weight: 2 },
);

const methods = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

const gzValues = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString("base64")),
  fc.string({ maxLength: 30 }).map(gz),
  fc.jsonValue({ maxDepth: 2 }).map((v) => gz(JSON.stringify(v))),
  fc.constant(gz(JSON.stringify({ tasks: nested(2000) }))),
  fc.constant(gz("x".repeat(1000)).slice(0, 20)),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("set" as const), path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), value: fuzzValue }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant("delete" as const), path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("uri" as const), value: fc.oneof(fc.string(), hostileStrings, fc.constantFrom("job/nope", "nope/find", "/", "workspace/file/../x", "user//find", "a/b/c/d/e")) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("gz" as const), value: gzValues }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("method" as const), value: methods }), weight: 2 },
  { arbitrary: fc.constant({ kind: "carrier" as const }), weight: 1 },
);

const serialisation: fc.Arbitrary<Serialisation> = fc.oneof(
  { arbitrary: fc.constant({ kind: "json" as const }), weight: 8 },
  { arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("garbage" as const), at: fc.nat(), insert: fc.constantFrom("{", "}", "\"", ",", "\\", "\u0000", "%", "%zz", "]]]") }), weight: 1 },
);

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === "object" && v !== null;

/** The container and key that `path` (indices into key lists, taken modulo) leads to. */
function locate(root: Record<string, unknown>, path: number[]): [Record<string, unknown> | unknown[], string] | undefined {
  let node: Record<string, unknown> | unknown[] = root;
  for (let i = 0; i < path.length; i++) {
    const keys = Object.keys(node);
    if (keys.length === 0) return undefined;
    const key = keys[(path[i] ?? 0) % keys.length] as string;
    const child: unknown = (node as Record<string, unknown>)[key];
    if (i === path.length - 1 || !isContainer(child)) return [node, key];
    node = child;
  }
  return undefined;
}

function mutate(base: BaseEvent, session: string, mutations: Mutation[]): { method: string; carrier: "query" | "body"; event: Record<string, unknown> } {
  const event = structuredClone(base.event);
  event.session = session;
  let method = base.method;
  let carrier: "query" | "body" = method === "GET" || method === "DELETE" ? "query" : "body";
  for (const m of mutations) {
    if (m.kind === "set" || m.kind === "delete") {
      const spot = locate(event, m.path);
      if (!spot) continue;
      const [node, key] = spot;
      if (m.kind === "set") (node as Record<string, unknown>)[key] = m.value;
      else if (Array.isArray(node)) node.splice(Number(key), 1);
      else delete node[key];
    } else if (m.kind === "uri") event.uri = m.value;
    else if (m.kind === "gz") event.gz_data = m.value;
    else if (m.kind === "method") method = m.value;
    else carrier = carrier === "query" ? "body" : "query";
  }
  return { method, carrier, event };
}

function serialise(value: unknown, s: Serialisation): string {
  const text = JSON.stringify(value) ?? "null";
  if (s.kind === "json") return text;
  const at = s.at % (text.length + 1);
  return s.kind === "truncate" ? text.slice(0, at) : text.slice(0, at) + s.insert + text.slice(at);
}

/** Fuzz requests: mostly mutated vector events, some random events and random text, all carrying `session`. */
export function fuzzRequests(bases: BaseEvent[], session: string): fc.Arbitrary<FuzzRequest> {
  const fromVector = fc
    .tuple(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: 3 }), serialisation)
    .map(([base, mutations, s]) => {
      const { method, carrier, event } = mutate(base, session, mutations);
      return { method, carrier, text: serialise(event, s) };
    });
  const randomEvent = fc
    .tuple(methods, fc.boolean(), fc.dictionary(fc.constantFrom("uri", "data", "query", "id", "gz_data", "workspace", "eid"), fuzzValue))
    .map(([method, inQuery, fields]) => ({ method, carrier: inQuery ? ("query" as const) : ("body" as const), text: JSON.stringify({ session, workspace: "acme", ...fields }) }));
  const randomText = fc
    .tuple(methods, fc.boolean(), fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 }), fc.jsonValue().map((v) => JSON.stringify(v))))
    .map(([method, inQuery, text]) => ({ method, carrier: inQuery ? ("query" as const) : ("body" as const), text }));
  return fc.oneof({ arbitrary: fromVector, weight: 8 }, { arbitrary: randomEvent, weight: 1 }, { arbitrary: randomText, weight: 1 });
}
