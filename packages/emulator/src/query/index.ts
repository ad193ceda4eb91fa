import { compileQuery, type Predicate, type RefResolver } from "./evaluator.js";
import { parseQuery } from "./parser.js";
import { requiredStatuses } from "./required-statuses.js";

export { QuerySyntaxError } from "./tokenizer.js";
export type { Predicate, RefResolver } from "./evaluator.js";
export type { QueryNode, Op } from "./parser.js";
export { parseQuery } from "./parser.js";

/**
 * Compiles the `query` of an event. A leading `<entitytype> WHERE` (as `acl/find` sends) is dropped;
 * an empty expression matches everything.
 */
export function buildPredicate(query: string | undefined, refs: RefResolver): Predicate {
  return planQuery(query, refs).predicate;
}

/** A compiled query and what it requires of the entities' status (see {@link requiredStatuses}). */
export interface QueryPlan {
  predicate: Predicate;
  /** The statuses a match must have; undefined when any may match. */
  statuses: string[] | undefined;
}

/** Compiles the `query` of an event, as {@link buildPredicate}, and finds the statuses it requires. */
export function planQuery(query: string | undefined, refs: RefResolver): QueryPlan {
  let text = (query ?? "").trim();
  const prefixed = /^[a-z_]+\s+where\s+/i.exec(text);
  if (prefixed) text = text.slice(prefixed[0].length);
  if (text === "") return { predicate: () => true, statuses: undefined };
  const tree = parseQuery(text);
  return { predicate: compileQuery(tree, refs), statuses: requiredStatuses(tree, refs) };
}
