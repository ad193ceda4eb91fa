import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertySeeds } from "../../../tests/support/seeds.js";
import { globMatcher } from "../src/query/glob.js";
import { nameFilter } from "../src/files/filters.js";
import { userRegex } from "../src/query/regex.js";

/** The meaning of a glob, spelled as a (slow, backtracking) regular expression: the oracle. */
function oracle(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s");
}

describe("glob matcher (queries and file filters)", () => {
  const text = fc.string({ unit: fc.constantFrom("a", "b", "\n", "."), maxLength: 12 });
  const pattern = fc.string({ unit: fc.constantFrom("a", "b", "*", "\n", "."), maxLength: 8 });
  for (const seed of propertySeeds("glob matcher", [20261207])) {
    it(`matches exactly what the regex meaning of the glob matches (seed ${seed})`, () => {
      fc.assert(fc.property(pattern, text, (p, t) => globMatcher(p)(t) === oracle(p).test(t)), { seed, numRuns: 3000 });
    });
  }

  it("matches across newlines (the query copy used to miss 'line one\\nhello there')", () => {
    expect(globMatcher("*hello*")("line one\nhello there")).toBe(true);
    expect(nameFilter("*HELLO*", undefined)("line one\nhello there")).toBe(true);
  });

  it("answers a many-star pattern on 1,000 characters in well under a millisecond per value", () => {
    const m = globMatcher("*a*a*a*a*a*a*a*b");
    const value = "a".repeat(1000);
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) expect(m(value)).toBe(false);
    expect((performance.now() - t0) / 100).toBeLessThan(5);
  });
});

describe("user regular expressions (RE2, linear time)", () => {
  it("evaluates nested quantifiers on 1,000 characters without blowing up", () => {
    for (const p of ["(a+)+$", "(a|aa)+$", "(.*a){12}", "^(\\w+\\s?)*$"]) {
      const t0 = performance.now();
      expect(userRegex(p)("a".repeat(1000) + "!")).toBe(p === "(.*a){12}");
      expect(performance.now() - t0, p).toBeLessThan(1000); // backtracking takes minutes here; RE2 a few ms once warm
    }
  });

  it("refuses backreferences and lookaround with a message naming the rule", () => {
    expect(() => userRegex("(a)\\1")).toThrow(/no backreferences or lookaround/);
    expect(() => userRegex("(?=a)")).toThrow(/invalid regular expression '\(\?=a\)'/);
  });

  it("is case-insensitive unless asked, like re('…', 'I')", () => {
    expect(userRegex("^SHOT_\\d{3}")("shot_010.exr")).toBe(true);
    expect(userRegex("^SHOT_\\d{3}", true)("shot_010.exr")).toBe(false);
  });
});
