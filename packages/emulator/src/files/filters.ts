import { globMatcher } from "../query/glob.js";
import { userRegex } from "../query/regex.js";
import { fail } from "../util.js";

/** A compiled include/exclude filter on file names. */
export type NameFilter = (name: string) => boolean;

function compile(pattern: string): (name: string) => boolean {
  const re = /^re\(\s*(['"])(.*)\1\s*(?:,\s*(['"])([a-z]*)\3\s*)?\)$/is.exec(pattern.trim());
  if (re) {
    const caseSensitive = (re[4] ?? "").toUpperCase().includes("I");
    try {
      return userRegex(re[2] ?? "", caseSensitive);
    } catch (err) {
      return fail.bad(`Filter '${pattern}': ${(err as Error).message}`);
    }
  }
  const glob = globMatcher(pattern.toLowerCase());
  return (name) => glob(name.toLowerCase());
}

function patterns(value: unknown, what: string): Array<(name: string) => boolean> {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((p) => (typeof p === "string" ? compile(p) : fail.bad(`'${what}' must be a string or a list of strings`)));
}

/**
 * Builds the filter of `include`/`exclude` (string or list): `word` exact, `*word`, `word*`, `*word*`,
 * `start*end`, `re('...')` (case-insensitive) or `re('...', 'I')` (case-sensitive). Include wins over exclude.
 */
export function nameFilter(include: unknown, exclude: unknown): NameFilter {
  const inc = patterns(include, "include");
  const exc = patterns(exclude, "exclude");
  if (inc.length === 0 && exc.length === 0) return () => true;
  return (name) => {
    if (inc.some((m) => m(name))) return true;
    if (inc.length > 0) return false;
    return !exc.some((m) => m(name));
  };
}
