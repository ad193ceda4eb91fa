/**
 * Fuzz inputs for the emulator: the real request events of the recorded vectors, mutated (types, nesting,
 * huge strings, unicode, missing keys, bogus uris, invalid gz_data, malformed JSON, wrong methods), wholly
 * random events and bodies, and hostile requests aimed at the limits (metadata thousands of levels deep,
 * gz_data that inflates past the body limit, long and deep queries) and at every lookup of a user-supplied
 * name (names of Object.prototype as entity types, operations, ids, setting names, file operations, keys).
 * Mutations are plain data, so fast-check can shrink and print them.
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
    for (const { request: recorded } of exchanges) {
      if (recorded.path === "/api/v3/event" && recorded.event && typeof recorded.event === "object")
        out.push({ method: recorded.method, event: recorded.event as Record<string, unknown> });
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

/** Names that live on `Object.prototype` (a plain-object lookup with them finds something). */
export const PROTOTYPE_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__"];

/** JSON text nested `depth` levels deep (objects or arrays), built as text: JSON.stringify overflows first. */
const deepText = (depth: number, arrays: boolean): string =>
  arrays ? `${"[".repeat(depth)}1${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

let bombCache: string | undefined;
/** gz_data that inflates to more than 64 MiB (the body limit) from about 70 KB. */
const gzBomb = (): string => (bombCache ??= gzipSync(Buffer.from(`{"name":"${"a".repeat(70 * 1024 * 1024)}"}`)).toString("base64"));

/** The connective of a long generated query (`and` for an even clause count, else `or`). */
const joiner = (clauses: number): string => (clauses % 2 === 0 ? " and " : " or ");

/** A request from the parts of an event: GET and DELETE in the query string, others in the body. */
function request(method: string, session: string, fields: string): FuzzRequest {
  const text = `{"session":"${session}","workspace":"acme",${fields}}`;
  return { method, carrier: method === "GET" || method === "DELETE" ? "query" : "body", text };
}

/** Hostile requests: over the limits, and names of Object.prototype at every place a name is looked up. */
export function hostileRequests(session: string): fc.Arbitrary<FuzzRequest> {
  const writes = fc.constantFrom(["POST", "queue/create"], ["PUT", "user/edit"], ["POST", "transfer/create"], ["PUT", "setting"], ["POST", "acl/create"]);
  const deep = fc
    .tuple(fc.integer({ min: 101, max: 20_000 }), fc.boolean(), fc.boolean(), writes)
    .map(([depth, arrays, zipped, [method, uri]]) => {
      const data = `{"name":"deep","value":"v","metadata":${deepText(depth, arrays)}}`;
      return request(method, session, `"uri":"${uri}",${zipped ? `"gz_data":"${gz(data)}"` : `"data":${data}`}`);
    });
  const bomb = writes.map(([method, uri]) => request(method, session, `"uri":"${uri}","gz_data":"${gzBomb()}"`));
  const queries = fc
    .tuple(fc.integer({ min: 101, max: 100_000 }), fc.integer({ min: 2, max: 50_000 }), fc.boolean())
    .map(([parens, clauses, nest]) => {
      const query = nest ? `${"(".repeat(parens)}code=x${")".repeat(parens)}` : Array.from({ length: clauses }, (_, i) => `code=x${i}`).join(joiner(clauses));
      return request("GET", session, `"uri":"user/find","gz_data":"${gz("{}")}","query":${JSON.stringify(query)}`);
    });
  const prototypeNames = fc.tuple(fc.constantFrom(...PROTOTYPE_NAMES), fc.nat(), methods).map(([name, site, method]) => {
    const n = JSON.stringify(name);
    const sites: Array<[string, string]> = [
      ["GET", `"uri":"${name}/find"`], ["POST", `"uri":"${name}/create","data":{"name":"x"}`], ["GET", `"uri":"user/${name}"`],
      [method, `"uri":"${name}/${name}"`], ["GET", `"uri":"user/find","id":${n}`], ["PUT", `"uri":"queue/edit","id":${n},"data":{"name":"x"}`],
      ["PUT", `"uri":"setting","data":{"name":${n},"value":"v"}`], ["GET", `"uri":"setting","data":{"name":${n}}`],
      ["DELETE", `"uri":"setting","data":{"name":${n}}`], ["GET", `"uri":"setting","data":{"entitytype":${n}}`],
      ["GET", `"uri":"attributes","data":{"entitytype":${n}}`], ["GET", `"uri":"workspace/file","data":{"op":${n},"path":"share=projects/"}`],
      ["GET", `"uri":"user/find","query":${JSON.stringify(`code ${name} x`)}`], ["GET", `"uri":"user/find","query":${JSON.stringify(`${name}!=null`)}`],
      ["GET", `"uri":"user/find","data":{"attributes":[${n}]}`], ["GET", `"uri":"user/metrics","data":{"attributes":[${n}]},"query":"code=admin@acme.test"`],
      ["POST", `"uri":"queue/create","data":{"name":"proto",${n}:{"status":"x"}}`], ["GET", `"uri":"logs","data":{"entitytype":${n}}`],
      [method, `${n}:{"uri":"user/find"},"uri":"user/find"`],
    ];
    const [m, fields] = sites[site % sites.length] as [string, string];
    return request(m, session, fields);
  });
  return fc.oneof(
    { arbitrary: deep, weight: 3 }, { arbitrary: prototypeNames, weight: 6 }, { arbitrary: queries, weight: 1 },
    { arbitrary: bomb, weight: 1 },
  );
}

/** Fuzz requests: mostly mutated vector events, some random events, random text and hostile requests, all carrying `session`. */
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
  return fc.oneof({ arbitrary: fromVector, weight: 8 }, { arbitrary: randomEvent, weight: 1 }, { arbitrary: randomText, weight: 1 },
    { arbitrary: hostileRequests(session), weight: 2 });
}
