import type { RefResolver } from "./evaluator.js";
import type { QueryNode } from "./parser.js";

/**
 * The lower-cased statuses an entity's string `status` must have to match `node`, when the query
 * requires one (`status=running`, `status in waiting,running`, either as a term of an `and` chain);
 * undefined when it does not (`or`, `!=`, wildcards, other operators). The values are those an
 * `eq` comparison accepts for a string: the value itself and the ids of entities named by it.
 * Entities without a string status are always candidates (see `StatusIndex`).
 */
export function requiredStatuses(node: QueryNode, refs: RefResolver): string[] | undefined {
  // a status the caller may not see compares as absent, which `status=null` matches on any entity
  if (refs.hidden?.("status")) return undefined;
  const todo: QueryNode[] = [node];
  while (todo.length > 0) {
    const n = todo.pop() as QueryNode;
    if (n.type === "and") todo.push(n.right, n.left);
    else if (n.type === "cmp" && n.attr === "status" && (n.op === "eq" || n.op === "in")) {
      const values = n.values.map((v) => v.toLowerCase());
      if (values.some((v) => v.includes("*"))) continue;
      return values.flatMap((v) => [v, ...refs.idsFor(v)]);
    }
  }
  return undefined;
}
