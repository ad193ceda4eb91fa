// A large answer decoded while it arrives must be exactly what decoding the whole text gives: same
// values (dates, ObjectId rules), same refusals of invalid JSON, however the bytes are cut into chunks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertySeed } from "../../../tests/support/seeds.js";
import { AnswerStream } from "../src/answer-stream.js";
import { decodeAnswer } from "../src/revive.js";

/** fast-check seed of this file's properties: fresh per run, printed; `SEED=<n>` replays. */
const SEED = propertySeed("answer-stream properties");

/** Decodes `text` cut at `cuts` (byte offsets) through the stream; the error when it throws. */
function streamed(bytes: Buffer, cuts: number[]): { value: unknown } | { error: unknown } {
  const stream = new AnswerStream();
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    stream.push(bytes.subarray(from, cut));
    from = cut;
  }
  stream.push(bytes.subarray(from));
  try {
    return { value: stream.end() };
  } catch (error) {
    return { error };
  }
}

/** The whole-text decode of the same bytes. */
function whole(bytes: Buffer): { value: unknown } | { error: unknown } {
  try {
    return { value: decodeAnswer(bytes.toString("utf8")) };
  } catch (error) {
    return { error };
  }
}

function expectSame(bytes: Buffer, cuts: number[]): void {
  const a = streamed(bytes, cuts);
  const b = whole(bytes);
  if ("error" in b) {
    expect("error" in a, `accepted what JSON.parse refuses: ${bytes.toString("utf8").slice(0, 200)}`).toBe(true);
    expect((a as { error: unknown }).error).toBeInstanceOf(SyntaxError);
  } else expect(a).toEqual(b);
}

const tricky = fc.constantFrom(
  "2024-03-01T10:20:30", "2024-03-01 10:20:30.123", "ObjectId:0123456789abcdef01234567", "ObjectId:2024-03-01T10:20:30",
  'quote " inside', "back\\slash\\", "\\\\", "\\\"", "brace } ] [ {", "comma, colon:", "é ü 日本", "__proto__", "",
);
const text = fc.oneof(tricky, fc.string(), fc.string({ unit: "grapheme" }));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie("list"), tie("object")),
  list: fc.array(tie("value"), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(tricky, fc.string()), tie("value"), { maxKeys: 5 }),
})).value;
const answer = fc.oneof(
  fc.record({ result: fc.array(json, { maxLength: 8 }) }),
  fc.dictionary(fc.oneof(tricky, fc.constantFrom("result", "report", "message")), json, { maxKeys: 4 }),
  fc.array(json, { maxLength: 8 }),
  json,
);
const cuts = fc.array(fc.nat(4000), { maxLength: 12 });

describe("AnswerStream", () => {
  it("decodes any JSON answer as decodeAnswer does, whatever the chunks", () => {
    fc.assert(
      fc.property(answer, cuts, fc.constantFrom("", " ", "\n  "), (value, at, space) => {
        const bytes = Buffer.from(`${space}${JSON.stringify(value, null, space.length > 1 ? 2 : undefined)}${space}`, "utf8");
        expectSame(bytes, at);
      }),
      { numRuns: 1500, seed: SEED },
    );
  });

  it("refuses what JSON.parse refuses: any byte removed, doubled or replaced", () => {
    fc.assert(
      fc.property(answer, cuts, fc.nat(), fc.constantFrom("drop", "double", ",", "]", "}", "[", "{", '"', "\\", " "), (value, at, where, edit) => {
        const encoded = JSON.stringify(value);
        const i = where % (encoded.length + 1);
        const broken = edit === "drop" ? encoded.slice(0, i) + encoded.slice(i + 1) : edit === "double" ? encoded.slice(0, i) + encoded.slice(i, i + 1) + encoded.slice(i) : encoded.slice(0, i) + edit + encoded.slice(i);
        expectSame(Buffer.from(broken, "utf8"), at);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it("splits the lists of a real find answer one chunk at a time, backslashes cut across chunks", () => {
    const result = Array.from({ length: 300 }, (_, i) => ({
      id: `ObjectId:${i.toString(16).padStart(24, "0")}`, code: `job-${i} "quoted\\"`, created: "2024-03-01T10:20:30", path: "C:\\\\media\\\\",
      tasks: [{ source: { path: `a,b]${i}` } }], metadata: { "x}": [1, [2, { y: "]" }]] },
    }));
    const bytes = Buffer.from(JSON.stringify({ result, report: "ok" }), "latin1");
    const every = Array.from({ length: bytes.length }, (_, i) => i);
    expectSame(bytes, every.filter((i) => i % 7 === 0));
    expectSame(bytes, every.filter((i) => bytes[i - 1] === 0x5c));
    const decoded = streamed(bytes, []) as { value: { result: Array<Record<string, unknown>> } };
    expect(decoded.value.result[5]!.created).toBeInstanceOf(Date);
    expect(decoded.value.result[5]!.id).toBe("000000000000000000000005");
  });

  it("guesses where items end only when the parse confirms it: `}, {` in strings and nested lists, any chunks, any corruption", () => {
    // Python's separators, as the backend writes them; strings and nested lists that look like item ends
    const seed = Number(process.env.SEED ?? Date.now() % 1_000_000_000);
    console.log(`answer runs property: seed ${seed} (replay with SEED=${seed})`);
    const lure = fc.constantFrom('}, {', '"}, {"', '}, {"a": 1}, {', "}, ", ", {", "\\", '\\"}, {');
    const item = fc.record({
      code: fc.oneof(lure, fc.string()),
      created: fc.constant("2024-03-01T10:20:30"),
      tasks: fc.array(fc.record({ path: fc.oneof(lure, fc.string()) }), { maxLength: 3 }),
      metadata: fc.dictionary(fc.oneof(lure, fc.string()), fc.oneof(lure, fc.integer()), { maxKeys: 2 }),
    });
    const pythonJson = (value: unknown): string => JSON.stringify(value).replace(/,(?=(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*$)/g, ", ");
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 3000 }), fc.option(fc.nat()), (result, size, corruptAt) => {
        let body = pythonJson({ result, report: "ok" });
        if (corruptAt !== null) {
          const i = corruptAt % body.length;
          body = body.slice(0, i) + body.slice(i + 1);
        }
        const bytes = Buffer.from(body, "utf8");
        expectSame(bytes, Array.from({ length: Math.floor(bytes.length / size) }, (_, k) => (k + 1) * size));
      }),
      { numRuns: 400, seed },
    );
  });

  it("keeps an escape that ended a chunk across an empty chunk", () => {
    // found by the property above: `{"quote \` | `` | `"inside":false}`
    expectSame(Buffer.from('{"quote \\"inside":false}'), [9, 9]);
    expectSame(Buffer.from('{"result":["a\\\\", "b\\"c"]}'), [14, 14, 15, 22, 22]);
  });

  it("keeps a whole body that is not a JSON object or list as decodeAnswer reads it", () => {
    for (const body of ['"2024-03-01T10:20:30"', "42", "<html>bad gateway</html>", "", "   ", "null"]) expectSame(Buffer.from(body), [1, 2]);
  });
});
