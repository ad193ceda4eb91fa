import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertySeed } from "../../../tests/support/seeds.js";
import { VECTORS_DIR } from "../../../tests/support/vectors-dir.js";
import {
  GZ_THRESHOLD,
  decodeAnswer,
  dump,
  encodeGzPayload,
  encodeJson,
  estimatePayloadSize,
  exceedsGzThreshold,
  formatUtcDateTime,
  gunzipBase64,
  gzipBase64,
  parseUtcDateTime,
  reviveDates,
} from "../src/codec.js";
import { AccsynValidationError } from "../src/errors.js";

/** fast-check seed of this file's properties: fresh per run, printed; `SEED=<n>` replays. */
const SEED = propertySeed("codec properties");

const VECTORS = VECTORS_DIR;

interface Exchange {
  request: { method: string; path: string; query_raw: string; query_decoded: unknown; body_raw: string | null; event: Record<string, unknown>; gz_data_decoded?: unknown; gz_header?: Record<string, unknown> };
  response: { body_format: string; body: unknown; body_text: string };
}
interface Vector {
  name: string;
  call: { args: unknown[] };
  exchanges: Exchange[];
  session: { exchanges?: Exchange[] } | null;
  outcome: { returns?: unknown };
}

function vector(name: string): Vector {
  return JSON.parse(readFileSync(join(VECTORS, `${name}.json`), "utf8")) as Vector;
}

function allVectors(): Vector[] {
  return readdirSync(VECTORS)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => vector(f.slice(0, -5)));
}

/** Replaces `{"$date": iso}` by Dates, as conformance/CONFORMANCE.md describes for results. */
function withDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withDates);
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.$date === "string") return new Date(record.$date);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, withDates(v)]));
  }
  return value;
}

/** JSON text with Python's integral floats outside strings (`-1.0`) written as integers (`-1`). */
function withoutIntegralFloatFraction(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|(-?\d+)\.0(?![\d.eE])/g, (match, integer: string | undefined) => integer ?? match);
}

/** A deliberately simple reference: JSON.stringify, then a scanner adding Python's spaces, then ASCII escapes. */
function slowPythonDumps(value: unknown): string {
  const compact = JSON.stringify(value);
  let out = "";
  let inString = false;
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i] as string;
    out += c;
    if (inString) {
      if (c === "\\") out += compact[++i] as string;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "," || c === ":") out += " ";
  }
  return out.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

describe("encodeJson against the recorded wire text", () => {
  const exchanges = allVectors().flatMap((v) => [...(v.session?.exchanges ?? []), ...v.exchanges].map((ex) => ({ name: v.name, ex })));

  it("reproduces every recorded PUT/POST body byte for byte", () => {
    const bodies = exchanges.filter(({ ex }) => ex.request.body_raw);
    expect(bodies.length).toBeGreaterThan(50);
    for (const { name, ex } of bodies) {
      const raw = ex.request.body_raw as string;
      expect(encodeJson(JSON.parse(raw)), name).toBe(raw);
    }
  });

  it("reproduces every recorded GET/DELETE query string once percent-decoded", () => {
    const queries = exchanges.filter(({ ex }) => ex.request.query_raw !== "" && ex.request.query_decoded !== null);
    expect(queries.length).toBeGreaterThan(50);
    for (const { name, ex } of queries) {
      expect(encodeJson(ex.request.query_decoded), name).toBe(decodeURIComponent(ex.request.query_raw));
    }
  });

  it("writes the recorded response texts (Python json.dumps) identically, but for integral floats", () => {
    // Python writes a float such as a job's idle speed as `-1.0`; once parsed, JavaScript has the
    // number -1 and no way to tell it was a float, so `-1.0` and `-1` are the same value here.
    const bodies = exchanges.filter(({ ex }) => ex.response.body_format === "json");
    expect(bodies.length).toBeGreaterThan(100);
    let floats = 0;
    for (const { name, ex } of bodies) {
      const expected = withoutIntegralFloatFraction(ex.response.body_text);
      if (expected !== ex.response.body_text) floats++;
      expect(encodeJson(ex.response.body), name).toBe(expected);
    }
    expect(floats).toBeGreaterThan(0);
  });

  it("reads an integral float of an answer (speed -1.0) as the number", () => {
    expect(decodeAnswer('{"speed": -1.0, "size": 2.50, "n": 10.0e2}')).toEqual({ speed: -1, size: 2.5, n: 1000 });
    expect(withoutIntegralFloatFraction('{"speed": -1.0, "s": "-1.0", "t": 12.05, "u": [3.0]}')).toBe('{"speed": -1, "s": "-1.0", "t": 12.05, "u": [3]}');
  });

  it("builds the dates__request_naive_and_aware body from Date objects", () => {
    const ex = vector("dates__request_naive_and_aware").exchanges[0] as Exchange;
    const event = {
      ...ex.request.event,
      data: { start: new Date(Date.UTC(2024, 1, 29, 23, 30)), deadline: new Date("2024-03-01T01:15:00+02:00"), note: "dates" },
    };
    expect(encodeJson(event)).toBe(ex.request.body_raw);
  });
});

describe("encodeJson", () => {
  it("uses Python's separators and keeps commas and colons inside strings", () => {
    expect(encodeJson({ a: [1, 2, { b: "x, y: z" }], c: null, d: true })).toBe('{"a": [1, 2, {"b": "x, y: z"}], "c": null, "d": true}');
    expect(encodeJson({ "k,:\"": '",:' })).toBe('{"k,:\\"": "\\",:"}');
    expect(encodeJson({})).toBe("{}");
    expect(encodeJson([])).toBe("[]");
  });

  it("escapes non-ASCII as \\uxxxx, surrogate pairs as two escapes, and leaves DEL alone", () => {
    expect(encodeJson({ name: "Åsa ñ 日本" })).toBe('{"name": "\\u00c5sa \\u00f1 \\u65e5\\u672c"}');
    expect(encodeJson("😀")).toBe('"\\ud83d\\ude00"');
    expect(encodeJson("\u007f\u0080")).toBe('"\u007f\\u0080"');
    expect(encodeJson("\u0001\n\t\"\\")).toBe('"\\u0001\\n\\t\\"\\\\"');
    expect(encodeJson("\ud800")).toBe('"\\ud800"');
    expect(encodeJson({ "é": 1 })).toBe('{"\\u00e9": 1}');
  });

  it("writes Dates as UTC YYYY-MM-DDTHH:MM:SS without fraction or zone", () => {
    expect(encodeJson({ at: new Date("2023-04-05T06:07:08.999Z") })).toBe('{"at": "2023-04-05T06:07:08"}');
    expect(encodeJson([new Date("2024-03-01T01:15:00+02:00")])).toBe('["2024-02-29T23:15:00"]');
    expect(formatUtcDateTime(new Date("0099-01-02T03:04:05Z"))).toBe("0099-01-02T03:04:05");
    expect(() => encodeJson({ at: new Date(Number.NaN) })).toThrow(AccsynValidationError);
  });

  it("skips undefined members, writes null for holes, bigints as integers", () => {
    expect(encodeJson({ a: undefined, b: 1, c: () => 1 })).toBe('{"b": 1}');
    expect(encodeJson([undefined, 1])).toBe("[null, 1]");
    expect(encodeJson(undefined)).toBe("null");
    expect(encodeJson({ n: 12345678901234567890n })).toBe('{"n": 12345678901234567890}');
    expect(encodeJson({ x: Number.NaN, y: -0 })).toBe('{"x": null, "y": 0}');
  });

  it("honours toJSON and boxed primitives, refuses cycles and Maps", () => {
    expect(encodeJson({ v: { toJSON: () => ({ w: 1 }) }, s: new String("s") })).toBe('{"v": {"w": 1}, "s": "s"}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeJson(cyclic)).toThrow(AccsynValidationError);
    expect(() => encodeJson({ m: new Map() })).toThrow(AccsynValidationError);
    const shared = { a: 1 };
    expect(encodeJson([shared, shared])).toBe('[{"a": 1}, {"a": 1}]');
  });

  it("pretty prints with four spaces", () => {
    expect(encodeJson({ a: [1], b: {} }, { pretty: true })).toBe('{\n    "a": [\n        1\n    ],\n    "b": {}\n}');
  });

  it("matches a naive JSON.stringify-based reference on arbitrary JSON values", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(encodeJson(value)).toBe(slowPythonDumps(value));
    }), { numRuns: 300, seed: SEED });
  });

  it("encodes 100,000 tasks quickly", () => {
    const tasks = Array.from({ length: 100_000 }, (_, i) => ({ source: `share=projects/bulk/${i}.exr`, destination: `site=remote-${i}`, size: i, created: new Date(i) }));
    const started = performance.now();
    const text = encodeJson({ tasks });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(text.startsWith('{"tasks": [{"source": "share=projects/bulk/0.exr", "destination": "site=remote-0", "size": 0, "created": "1970-01-01T00:00:00"}')).toBe(true);
  });
});

describe("decodeAnswer against the date and ObjectId vectors", () => {
  it("decodes every form of dates__response_formats", () => {
    const v = vector("dates__response_formats");
    const ex = v.exchanges[0] as Exchange;
    expect(decodeAnswer(ex.response.body_text)).toEqual({ result: withDates(v.outcome.returns) });
  });

  it("decodes dates inside arrays too (our deliberate difference)", () => {
    const answer = decodeAnswer((vector("dates__list_of_strings_not_decoded").exchanges[0] as Exchange).response.body_text);
    const day2 = new Date("2021-01-02T03:04:05Z");
    const day3 = new Date("2021-01-03T03:04:05Z");
    expect(answer).toEqual({ result: [{ history: [day2, day3], matrix: [[day2]], last: day3 }] });
  });

  it("decodes a top-level array too (our deliberate difference)", () => {
    const answer = decodeAnswer((vector("dates__top_level_list_not_decoded").exchanges[0] as Exchange).response.body_text);
    expect(answer).toEqual([{ id: "bf4eef818716bafab22ac70a", created: new Date("2023-04-05T06:07:08Z") }]);
  });

  it("strips ObjectId: prefixes as objectid__prefix_stripped shows", () => {
    const v = vector("objectid__prefix_stripped");
    expect(decodeAnswer((v.exchanges[0] as Exchange).response.body_text)).toEqual({ result: v.outcome.returns });
  });
});

describe("decodeAnswer", () => {
  it("reads the four date forms as UTC, YY as Python's %y", () => {
    expect(parseUtcDateTime("2023-04-05T06:07:08")).toEqual(new Date("2023-04-05T06:07:08Z"));
    expect(parseUtcDateTime("2023-04-05T06:07:08.250")).toEqual(new Date("2023-04-05T06:07:08.250Z"));
    expect(parseUtcDateTime("23-04-05T06:07:09")).toEqual(new Date("2023-04-05T06:07:09Z"));
    expect(parseUtcDateTime("68-12-31T23:59:59.999")).toEqual(new Date("2068-12-31T23:59:59.999Z"));
    expect(parseUtcDateTime("69-01-01T00:00:00")).toEqual(new Date("1969-01-01T00:00:00Z"));
    expect(parseUtcDateTime("0050-06-07T08:09:10")?.toISOString()).toBe("0050-06-07T08:09:10.000Z");
    expect(parseUtcDateTime("2024-02-29T00:00:00")).toEqual(new Date("2024-02-29T00:00:00Z"));
  });

  it.each([
    ["offset", "2023-04-05T06:07:08+01:00"],
    ["Z", "2023-04-05T06:07:08Z"],
    ["date only", "2023-04-05"],
    ["impossible day", "2023-02-30T00:00:00"],
    ["not a leap year", "2100-02-29T00:00:00"],
    ["month 13", "2023-13-01T00:00:00"],
    ["hour 24", "2023-01-01T24:00:00"],
    ["leap second", "2023-01-01T23:59:60"],
    ["year 0", "0000-01-01T00:00:00"],
    ["bad millis separator", "2023-04-05T06:07:08,250"],
    ["two-digit millis", "2023-04-05T06:07:08.25"],
    ["microseconds", "2023-04-05T06:07:08.250000"],
    ["three-digit year", "023-04-05T06:07:08"],
    ["trailing non-ASCII", "2023-04-05T06:07:08é"],
    ["non-ASCII digit", "2023-04-05T06:07:0٨"],
    ["space separator", "2023-04-05 06:07:08"],
    ["trailing newline", "2023-04-05T06:07:08\n"],
  ])("leaves %s (%s) as the original string, keeping the rest of the answer", (_label, text) => {
    expect(parseUtcDateTime(text)).toBeUndefined();
    expect(decodeAnswer(JSON.stringify({ a: text, b: "2023-04-05T06:07:08" }))).toEqual({ a: text, b: new Date("2023-04-05T06:07:08Z") });
  });

  it("decodes dates at the top level; strips every ObjectId: of members that start with it", () => {
    expect(decodeAnswer('"2023-04-05T06:07:08"')).toEqual(new Date("2023-04-05T06:07:08Z"));
    expect(decodeAnswer('{"a": "ObjectId:a ObjectId:b", "b": "x ObjectId:c"}')).toEqual({ a: "a b", b: "x ObjectId:c" });
    expect(reviveDates({ deep: [{ at: "23-04-05T06:07:09" }] })).toEqual({ deep: [{ at: new Date("2023-04-05T06:07:09Z") }] });
  });

  it("keeps ObjectId: in strings that are list items or the whole answer, as the reference does", () => {
    // The reference's decoder only looks at object members: a string inside a list is left as it is.
    expect(decodeAnswer('["ObjectId:a ObjectId:b", "x ObjectId:c", null, 1]')).toEqual(["ObjectId:a ObjectId:b", "x ObjectId:c", null, 1]);
    expect(decodeAnswer('{"result": {"refs": ["ObjectId:d8443274a34434d5eef2ff4c"], "id": "ObjectId:d8443274a34434d5eef2ff4c"}}')).toEqual({
      result: { refs: ["ObjectId:d8443274a34434d5eef2ff4c"], id: "d8443274a34434d5eef2ff4c" },
    });
    expect(decodeAnswer('"ObjectId:d8443274a34434d5eef2ff4c"')).toBe("ObjectId:d8443274a34434d5eef2ff4c");
    expect(reviveDates(["ObjectId:x", { y: "ObjectId:y" }])).toEqual(["ObjectId:x", { y: "y" }]);
  });

  it("keeps a __proto__ member a plain member", () => {
    const answer = decodeAnswer('{"__proto__": "2023-04-05T06:07:08", "a": 1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(answer)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(answer, "__proto__")?.value).toEqual(new Date("2023-04-05T06:07:08Z"));
  });

  it("throws SyntaxError for text that is not JSON", () => {
    expect(() => decodeAnswer("<html>")).toThrow(SyntaxError);
  });

  it("round trips JSON values through encodeJson", () => {
    const special = (v: unknown): boolean =>
      typeof v === "string"
        ? v.startsWith("ObjectId:") || parseUtcDateTime(v) !== undefined
        : typeof v === "object" && v !== null && Object.values(v).some(special);
    const value = fc.jsonValue().filter((v) => !special(v));
    fc.assert(fc.property(value, (v) => {
      expect(decodeAnswer(encodeJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
    }), { numRuns: 300, seed: SEED });
  });

  it("round trips Dates at second precision", () => {
    const date = fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }).map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));
    fc.assert(fc.property(fc.array(date), (dates) => {
      expect(decodeAnswer(encodeJson({ dates }))).toEqual({ dates });
    }), { seed: SEED });
  });

  it("decodes a 50,000-entity answer quickly", () => {
    const text = encodeJson({ result: Array.from({ length: 50_000 }, (_, i) => ({ id: `ObjectId:${i}`, code: `job-${i}`, created: "2023-04-05T06:07:08", n: i, tags: ["a", "b"] })) });
    const started = performance.now();
    const answer = decodeAnswer(text) as { result: { id: string; created: Date }[] };
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(answer.result[49_999]?.id).toBe("49999");
    expect(answer.result[0]?.created).toEqual(new Date("2023-04-05T06:07:08Z"));
  });
});

describe("payload estimate and gzip", () => {
  it("counts keys, strings (code points), 10 per other scalar, 0 for null", () => {
    expect(estimatePayloadSize({ ab: "xyz", n: 1, t: true, d: new Date(0), z: null, u: undefined })).toBe(2 + 3 + 1 + 10 + 1 + 10 + 1 + 10 + 1);
    expect(estimatePayloadSize(["a", ["bb"], {}])).toBe(3);
    expect(estimatePayloadSize("😀é")).toBe(2);
    expect(estimatePayloadSize("\ud800x")).toBe(2);
  });

  it("compresses only when the estimate exceeds 102400", () => {
    expect(GZ_THRESHOLD).toBe(102_400);
    expect(exceedsGzThreshold({ k: "x".repeat(102_399) })).toBe(false);
    expect(exceedsGzThreshold({ k: "x".repeat(102_400) })).toBe(true);
  });

  it("round trips through gzip + base64 with Python's header bytes", () => {
    const text = encodeJson({ hello: "wörld", list: [1, 2, 3] });
    const b64 = gzipBase64(text);
    const header = Buffer.from(b64, "base64").subarray(0, 10);
    expect([...header]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
    expect(gunzipBase64(b64)).toBe(text);
  });

  it("agrees with large_payload__create_gz_data", () => {
    const v = vector("large_payload__create_gz_data");
    const request = (v.exchanges[0] as Exchange).request;
    const data = request.gz_data_decoded;
    expect(data).toEqual(v.call.args[1]);
    expect(estimatePayloadSize(data)).toBeGreaterThan(GZ_THRESHOLD);
    expect(exceedsGzThreshold(data)).toBe(true);
    const recorded = request.event.gz_data as string;
    expect(gunzipBase64(recorded)).toBe(encodeJson(data));
    expect(JSON.parse(gunzipBase64(gzipBase64(encodeJson(data))))).toEqual(data);
    expect(JSON.parse(gunzipBase64(gzipBase64(encodeGzPayload(data))))).toEqual(data);
    expect(request.gz_header).toMatchObject({ flags: 0, mtime: 0, xfl: 2, os: 255 });
  });
});

describe("encodeGzPayload", () => {
  it("is compact ASCII JSON that parses to what the wire encoder's text parses to", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const bytes = encodeGzPayload(value);
      const text = bytes.toString("latin1");
      expect(bytes.every((byte) => byte < 0x80)).toBe(true);
      expect(JSON.parse(text)).toEqual(JSON.parse(encodeJson(value)));
      expect(text).toBe(JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
    }), { numRuns: 300, seed: SEED });
  });

  it("writes Dates, bigints and boxed values as the wire encoder does", () => {
    const value = { when: new Date("2024-02-29T23:59:58Z"), big: 12345678901234567890n, boxed: new String("s"), nested: [new Number(3)] };
    expect(encodeGzPayload(value).toString("latin1")).toBe(encodeJson(value));
  });

  it("leaves out members inherited from a polluted Object.prototype, like JSON.stringify", () => {
    const value = { tasks: [{ source: "a" }, { source: "b" }] };
    const cycle: Record<string, unknown> = {};
    cycle.again = cycle;
    Object.defineProperty(Object.prototype, "polluted", { value: cycle, enumerable: true, configurable: true, writable: true });
    try {
      expect(encodeGzPayload(value).toString("latin1")).toBe('{"tasks":[{"source":"a"},{"source":"b"}]}');
      expect(encodeJson(value)).toBe('{"tasks": [{"source": "a"}, {"source": "b"}]}');
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });

  it("refuses what the wire encoder refuses", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => encodeGzPayload(circular)).toThrow(AccsynValidationError);
    expect(() => encodeGzPayload({ m: new Map() })).toThrow(AccsynValidationError);
  });
});

describe("dump", () => {
  it("matches dump__dict_with_date, dump__none_and_indent and str__deprecated_alias", () => {
    const withDate = vector("dump__dict_with_date");
    expect(dump(withDates(withDate.call.args[0]))).toBe(withDate.outcome.returns);
    expect(dump(vector("dump__none_and_indent").call.args[0])).toBe("None");
    const str = vector("str__deprecated_alias");
    expect(dump(str.call.args[0])).toBe(str.outcome.returns);
  });

  it("formats like Python's json.dumps(indent=…, default=isoformat)", () => {
    expect(dump({ code: "dailies-042", when: new Date("2023-03-14T09:26:53Z"), tags: ["a", "b"] })).toBe(
      '{\n    "code": "dailies-042",\n    "when": "2023-03-14T09:26:53",\n    "tags": [\n        "a",\n        "b"\n    ]\n}',
    );
    expect(dump({ at: new Date("2023-03-14T09:26:53.250Z") })).toBe('{\n    "at": "2023-03-14T09:26:53.250000"\n}');
    expect(dump({ a: {}, b: [], c: "é" }, 2)).toBe('{\n  "a": {},\n  "b": [],\n  "c": "\\u00e9"\n}');
    expect(dump([1, [2]], 0)).toBe("[\n1,\n[\n2\n]\n]");
    expect(dump(undefined)).toBe("None");
    expect(dump("x")).toBe('"x"');
  });
});
