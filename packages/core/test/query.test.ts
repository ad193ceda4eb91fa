import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertySeed } from "../../../tests/support/seeds.js";
import { VECTORS_DIR } from "../../../tests/support/vectors-dir.js";
import { AccsynValidationError } from "../src/errors.js";
import { parseQuery, query, quoteQueryValue } from "../src/query.js";

/** fast-check seed of this file's properties: fresh per run, printed; `SEED=<n>` replays. */
const SEED = propertySeed("query properties");

const VECTORS = VECTORS_DIR;

interface FindVector {
  name: string;
  call: { method: string; args: unknown[] };
  exchanges: { request: { event: { uri: string; query?: string } } }[];
  outcome: { raises?: { type: string; message: string } };
}

function findVectors(): FindVector[] {
  return readdirSync(VECTORS)
    .filter((f) => f.startsWith("find__") && f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(VECTORS, f), "utf8")) as FindVector);
}

/** The uri the session builds from a parsed query (see conformance/PROTOCOL.md §7 and §8). */
function uriOf(entitytype: string): string {
  if (entitytype === "entitytypes" || entitytype === "attributes") return entitytype;
  return `${entitytype}/find`;
}

/** Expects an AccsynValidationError whose message matches. */
function expectInvalid(run: () => unknown, message?: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AccsynValidationError);
  if (message) expect((caught as Error).message).toMatch(message);
}

describe("parseQuery against every find__* vector", () => {
  const vectors = findVectors();

  it("finds the vectors", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(25);
  });

  for (const v of vectors) {
    const text = v.call.args[0] as string;
    const event = v.exchanges[0]?.request.event;
    const raises = v.outcome.raises;
    it(`${v.name}: ${JSON.stringify(text)}`, () => {
      if (raises && (raises.message.startsWith("Invalid query") || raises.message.startsWith("Query has invalid syntax"))) {
        expectInvalid(() => parseQuery(text), /Invalid query/);
        return;
      }
      const parsed = parseQuery(text);
      if (!event) return; // rejected later by find itself (attributes, limit, …), not by the split
      expect(uriOf(parsed.entitytype)).toBe(event.uri);
      if (parsed.entitytype !== "attributes") expect(parsed.expression).toBe(event.query);
    });
  }
});

describe("parseQuery", () => {
  it("splits entity type and expression, lowercasing both", () => {
    expect(parseQuery("Volume")).toEqual({ entitytype: "volume" });
    expect(parseQuery("  Job  ")).toEqual({ entitytype: "job" });
    expect(parseQuery("Job WHERE (status=done OR status=failed) AND user=Alice")).toEqual({
      entitytype: "job",
      expression: "(status=done or status=failed) and user=alice",
    });
    expect(parseQuery('job where code="Dailies  Week 12"')).toEqual({ entitytype: "job", expression: 'code="dailies  week 12"' });
    expect(parseQuery("attributes WHERE entitytype='user'")).toEqual({ entitytype: "attributes", expression: "entitytype='user'" });
  });

  it("keeps whitespace after WHERE and inside the expression as typed, drops it before WHERE", () => {
    expect(parseQuery("job    WHERE\tstatus=running   AND\t\tpriority=100").expression).toBe("status=running   and  priority=100");
    expect(parseQuery("job WHERE   x=1").expression).toBe("  x=1");
    expect(parseQuery("job \u00a0WhErE x=1")).toEqual({ entitytype: "job", expression: "x=1" });
  });

  it("counts a newline as a space (our deliberate difference from the reference)", () => {
    expect(parseQuery("job WHERE a=1\nAND b=2")).toEqual({ entitytype: "job", expression: "a=1 and b=2" });
    expect(parseQuery("job\nWHERE a=1")).toEqual({ entitytype: "job", expression: "a=1" });
    expect(parseQuery("job\r\nWHERE\r\na=1\r\n")).toEqual({ entitytype: "job", expression: "a=1" });
  });

  it("does not split inside double quotes or parentheses", () => {
    expectInvalid(() => parseQuery('"job WHERE" x'));
    expect(parseQuery('"a b"')).toEqual({ entitytype: '"a b"' });
    expect(parseQuery("(a b) WHERE c")).toEqual({ entitytype: "(a b)", expression: "c" });
  });

  it("rejects empty, blank, two-word and WHERE-less queries with guidance", () => {
    expectInvalid(() => parseQuery(""), /non-empty string/);
    expectInvalid(() => parseQuery(" \t\n "), /blank/);
    expectInvalid(() => parseQuery("job WHERE"), /"<entitytype>" or "<entitytype> WHERE <expression>"/);
    expectInvalid(() => parseQuery("job IS done"), /second word must be WHERE/);
    expectInvalid(() => parseQuery(42 as unknown as string), /non-empty string/);
    expectInvalid(() => parseQuery(undefined as unknown as string));
  });

  it("stays linear on long whitespace runs", () => {
    const started = performance.now();
    expect(parseQuery(`job WHERE a=1${" ".repeat(200_000)}\u00a0${"\u2000".repeat(200_000)}b`).entitytype).toBe("job");
    expect(parseQuery(`${"\u3000".repeat(200_000)}job${"\u3000".repeat(200_000)}`)).toEqual({ entitytype: "job" });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("throws only AccsynValidationError, whatever the string", () => {
    const pieces = fc.constantFrom(" ", "\t", "\n", "\r", '"', "'", "(", ")", "WHERE", "where", "job", "a=1", "AND", "\u00a0", "\u2028", "é", "😀", "\ud800");
    const text = fc.oneof(fc.string({ unit: "binary" }), fc.array(pieces).map((p) => p.join("")));
    fc.assert(
      fc.property(text, (q) => {
        try {
          const parsed = parseQuery(q);
          expect(parsed.entitytype.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(AccsynValidationError);
        }
      }),
      { numRuns: 2_000, seed: SEED },
    );
  });
});

describe("quoteQueryValue", () => {
  it("inserts safe values bare", () => {
    expect(quoteQueryValue("alice@acme.example")).toBe("alice@acme.example");
    expect(quoteQueryValue("share=x")).toBe('"share=x"');
    expect(quoteQueryValue("dailies-042_v1.2:+/x")).toBe("dailies-042_v1.2:+/x");
    expect(quoteQueryValue(42)).toBe("42");
    expect(quoteQueryValue(-1.5)).toBe("-1.5");
    expect(quoteQueryValue(10n)).toBe("10");
    expect(quoteQueryValue(true)).toBe("true");
    expect(quoteQueryValue(new Date("2023-04-05T06:07:08.900+02:00"))).toBe("2023-04-05T04:07:08");
  });

  it("quotes values that need it: double quotes first, single quotes when the value holds a double quote", () => {
    expect(quoteQueryValue("")).toBe('""');
    expect(quoteQueryValue("Dailies Week 12")).toBe('"Dailies Week 12"');
    expect(quoteQueryValue("it's (x)")).toBe(`"it's (x)"`);
    expect(quoteQueryValue('say "hi"')).toBe(`'say "hi"'`);
    expect(quoteQueryValue("a,b")).toBe('"a,b"');
    expect(quoteQueryValue("AND")).toBe('"AND"');
    expect(quoteQueryValue("not")).toBe('"not"');
    expect(quoteQueryValue("Åsa")).toBe('"Åsa"');
  });

  it("refuses values that cannot be inserted safely", () => {
    for (const bad of [`"'`, "a\nb", "a\rb", "a\tb", "a\u0000b", "a\\", "*", "a*b", Number.NaN, Number.POSITIVE_INFINITY, new Date(Number.NaN), []]) {
      expectInvalid(() => quoteQueryValue(bad as string), /Cannot use the value/);
    }
    expectInvalid(() => quoteQueryValue(null as unknown as string), /strings, numbers, booleans, Dates/);
    expectInvalid(() => quoteQueryValue({} as unknown as string));
    expectInvalid(() => quoteQueryValue([["a"]] as unknown as string[]), /nested/);
  });

  it("writes arrays as comma-separated lists for in", () => {
    expect(quoteQueryValue(["online", "disabled"])).toBe("online,disabled");
    expect(quoteQueryValue(["a b", 1, "c,d"])).toBe('"a b",1,"c,d"');
  });
});

describe("query template", () => {
  it("builds queries with bare, quoted and listed values", () => {
    const email = "alice@acme.example";
    expect(query`User WHERE code=${email} AND status=${"online"}`).toBe("User WHERE code=alice@acme.example AND status=online");
    expect(query`job WHERE code=${"Dailies Week 12"}`).toBe('job WHERE code="Dailies Week 12"');
    expect(query`user WHERE status in ${["online", "disabled"]}`).toBe("user WHERE status in online,disabled");
    expect(query`job WHERE created>${new Date(Date.UTC(2024, 0, 2))}`).toBe("job WHERE created>2024-01-02T00:00:00");
    expect(query`job`).toBe("job");
    expect(parseQuery(query`Job WHERE code=${"Dailies Week 12"} AND n=${3}`)).toEqual({ entitytype: "job", expression: 'code="dailies week 12" and n=3' });
  });

  it("inserts values inside quotes written in the template as they are, when they cannot close them", () => {
    expect(query`job WHERE code="${"a b'c"}"`).toBe(`job WHERE code="a b'c"`);
    expect(query`job WHERE code='${'x "y"'}'`).toBe(`job WHERE code='x "y"'`);
    expect(query`job WHERE a="x" AND b=${"y z"}`).toBe('job WHERE a="x" AND b="y z"');
    expectInvalid(() => query`job WHERE code="${'a" OR x="1'}"`, /query value #1/);
    expectInvalid(() => query`job WHERE code='${"it's"}'`, /query value #1/);
  });

  it("refuses injection attempts and names the value", () => {
    expectInvalid(() => query`job WHERE code=${"x"} AND user=${`a" OR "1"='1`}`, /query value #2/);
    expectInvalid(() => query`job WHERE code=${"x\nOR y=1"}`, /query value #1/);
    expectInvalid(() => query`job WHERE code=${"x\\"}`, /query value #1/);
    expectInvalid(() => query`job WHERE code=${"*"}`, /query value #1/);
    expectInvalid(() => query`job WHERE code in ${["a", `"'`]}`, /query value #1\[1\]/);
    expect(query`job WHERE code=${"x OR 1=1"}`).toBe('job WHERE code="x OR 1=1"');
    expect(query`job WHERE code=${"x) OR (y=1"}`).toBe('job WHERE code="x) OR (y=1"');
  });
});

/** A tokenizer of the expression language: words, quoted strings, parentheses, commas, operators. */
function tokenKinds(expression: string): string[] {
  const kinds: string[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i] as string;
    if (/\s/.test(c)) i++;
    else if (c === "(" || c === ")" || c === ",") {
      kinds.push(c);
      i++;
    } else if (c === '"' || c === "'") {
      const end = expression.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unterminated string in ${expression}`);
      kinds.push("value");
      i = end + 1;
    } else {
      const op = ["!=", "<>", "<=", ">=", "=", "<", ">"].find((o) => expression.startsWith(o, i));
      if (op) {
        kinds.push(op);
        i += op.length;
        continue;
      }
      const start = i;
      while (i < expression.length && !/[\s(),'"=!<>]/.test(expression[i] as string)) i++;
      if (i === start) throw new Error(`unexpected ${c} in ${expression}`);
      const word = expression.slice(start, i).toLowerCase();
      kinds.push(["and", "or", "not", "in", "contains", "matches", "where"].includes(word) ? word : "value");
    }
  }
  return kinds;
}

describe("query template structure (property)", () => {
  const build = (v: string) => query`job WHERE code=${v} AND (status in ${[v, "x"]} OR name!=${v}) AND note contains "${v}"`;
  const shape = tokenKinds(build("placeholder"));

  it("never changes the structure: a value is refused or stays one value", () => {
    const nasty = fc.constantFrom(" ", '"', "'", "(", ")", ",", "=", "!=", "<", ">", "and", "OR", "not", "in", "\\", "\n", "\t", "*", "x", "é", "😀", "\u0000");
    const value = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.array(nasty).map((p) => p.join("")));
    fc.assert(
      fc.property(value, (v) => {
        let built: string;
        try {
          built = build(v);
        } catch (error) {
          expect(error).toBeInstanceOf(AccsynValidationError);
          return;
        }
        expect(tokenKinds(built)).toEqual(shape);
        const parsed = parseQuery(built);
        expect(parsed.entitytype).toBe("job");
        expect(tokenKinds(parsed.expression ?? "")).toEqual(shape.slice(2));
      }),
      { numRuns: 3_000, seed: SEED },
    );
  });
});
