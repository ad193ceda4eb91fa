import { compileQuery, type Predicate, type RefResolver } from "./evaluator.js";
import { parseQuery } from "./parser.js";

export { QuerySyntaxError } from "./tokenizer.js";
export type { Predicate, RefResolver } from "./evaluator.js";
export type { QueryNode, Op } from "./parser.js";
export { parseQuery } from "./parser.js";

/**
 * Compiles the `query` of an event. A leading `<entitytype> WHERE` (as `acl/find` sends) is dropped;
 * an empty expression matches everything.
 */
export function buildPredicate(query: string | undefined, refs: RefResolver): Predicate {
  let text = (query ?? "").trim();
  const prefixed = /^[a-z_]+\s+where\s+/i.exec(text);
  if (prefixed) text = text.slice(prefixed[0].length);
  if (text === "") return () => true;
  return compileQuery(parseQuery(text), refs);
}
