import { RE2JS } from "re2js";

/**
 * User regular expressions (`matches '…'` in queries, `re('…')` in file filters and `transfer_exclude`),
 * evaluated by RE2JS: a pure-JavaScript port of RE2 that matches in time linear in the text, so no pattern
 * (`(a+)+$`, `(a|aa)+$`, …) can hold the process. RE2 syntax is close to Python's `re` (the service's),
 * `(?i)` and `(?P<name>…)` included; backreferences and lookaround are refused (they need backtracking).
 */

/** A compiled user regular expression: true when it matches somewhere in the text (Python's `re.search`). */
export type RegexMatcher = (text: string) => boolean;

/** A pattern RE2 refuses: the message says why (syntax, or a backtracking-only construct). */
export class UserRegexError extends Error {
  constructor(pattern: string, reason: string) {
    super(`invalid regular expression '${pattern}': ${reason} (evaluated in linear time with RE2 syntax: no backreferences or lookaround)`);
    this.name = "UserRegexError";
  }
}

/** Compiles a user pattern, case-insensitive unless `caseSensitive`; throws {@link UserRegexError}. */
export function userRegex(pattern: string, caseSensitive = false): RegexMatcher {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (err) {
    throw new UserRegexError(pattern, (err as Error).message);
  }
  return (text) => re.matcher(text).find();
}
