import type { Entity } from "../util.js";
import type { QueryNode } from "./parser.js";
import { type GlobMatcher, globMatcher } from "./glob.js";
import { type RegexMatcher, userRegex } from "./regex.js";
import { QuerySyntaxError } from "./tokenizer.js";

/** Looks up references while a query is compiled and evaluated. */
export interface RefResolver {
  /** Ids of entities whose code (or e-mail) equals `value`. */
  idsFor(value: string): string[];
  /** An entity by id (for dotted attributes such as `job.code`). */
  lookup(id: string): Entity | undefined;
  /** True for attributes the caller may not see (they compare as absent). */
  hidden?(attr: string): boolean;
}

/** A compiled query. */
export type Predicate = (entity: Entity) => boolean;

type Test = (v: unknown) => boolean;

const NULLS = new Set(["null", "none", ""]);

/** An own attribute of an object (never one inherited from `Object.prototype`, such as `constructor`). */
function own(o: object | undefined, key: string): unknown {
  return o !== undefined && Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

function attrGetter(path: string, refs: RefResolver): (e: Entity) => unknown {
  const parts = path.split(".");
  if (parts.some((p) => p.startsWith("_")) || refs.hidden?.(parts[0] ?? "")) return () => undefined;
  if (parts.length === 1) {
    // a name that Object.prototype lacks is an own attribute or absent: no own-check per entity
    if (!(path in Object.prototype)) return (e) => e[path];
    return (e) => own(e, path);
  }
  return (e) => {
    let v: unknown = e;
    for (const p of parts) {
      if (typeof v === "object" && v !== null && !Array.isArray(v)) v = own(v, p);
      else if (typeof v === "string") v = p === "id" ? v : own(refs.lookup(v), p);
      else return undefined;
    }
    return v;
  };
}

/**
 * A query over an object value (`metadata contains x`, `metadata=x`) is refused: it would compare the text
 * "[object Object]". Lists compare element by element; an object inside is refused the same way.
 */
function refuseObject(v: object, op: string, pos: number): never {
  throw new QuerySyntaxError(`'${op}' compares text, numbers and lists, not an object (${JSON.stringify(v).slice(0, 40)}): query one of its keys (e.g. metadata.<key>=value)`, pos, op);
}

function scalarEq(value: string, alts: Set<string>, wildcard: GlobMatcher | undefined, refuse: (v: object) => never): Test {
  const num = Number(value);
  const numeric = value !== "" && !Number.isNaN(num);
  return (v) => {
    if (v === null || v === undefined) return NULLS.has(value);
    if (typeof v === "number") return numeric && v === num;
    if (typeof v === "boolean") return String(v) === value || (numeric && Number(v) === num);
    if (typeof v === "string") {
      if (!wildcard && (v === value || alts.has(v))) return true;
      const s = v.toLowerCase();
      if (wildcard) return wildcard(s);
      return s === value || alts.has(s);
    }
    // An object is not null (`metadata!=null` holds), and equals no text.
    return typeof v === "object" && !NULLS.has(value) ? refuse(v) : false;
  };
}

function anyOf(test: Test): Test {
  return (v) => (Array.isArray(v) ? v.some(test) : test(v));
}

function compare(value: string, op: "lt" | "gt" | "le" | "ge", refuse: (v: object) => never): Test {
  const num = Number(value);
  const numeric = value !== "" && !Number.isNaN(num);
  const ok = (c: number): boolean => (op === "lt" ? c < 0 : op === "gt" ? c > 0 : op === "le" ? c <= 0 : c >= 0);
  return (v) => {
    if (v === null || v === undefined) return false;
    if (typeof v === "object") return refuse(v);
    if (numeric && (typeof v === "number" || typeof v === "boolean")) return ok(Number(v) - num);
    const s = String(v).toLowerCase();
    if (numeric && s !== "" && !Number.isNaN(Number(s))) return ok(Number(s) - num);
    return ok(s < value ? -1 : s > value ? 1 : 0);
  };
}

function regex(source: string, pos: number): RegexMatcher {
  try {
    return userRegex(source);
  } catch (err) {
    throw new QuerySyntaxError((err as Error).message, pos, source);
  }
}

/** The text of a scalar for `contains`/`matches`; an object is refused. */
function text(v: unknown, refuse: (v: object) => never): string | undefined {
  if (v === null || v === undefined) return undefined;
  return typeof v === "object" ? refuse(v) : String(v);
}

function leafTest(node: Extract<QueryNode, { type: "cmp" }>, refs: RefResolver): Test {
  const values = node.values.map((v) => v.toLowerCase());
  const first = values[0] ?? "";
  const refuse = (v: object): never => refuseObject(v, node.op, node.pos);
  const eqFor = (value: string): Test => {
    const wildcard = value.includes("*") ? globMatcher(value) : undefined;
    return anyOf(scalarEq(value, new Set(refs.idsFor(value)), wildcard, refuse));
  };
  switch (node.op) {
    case "eq":
      return eqFor(first);
    case "ne": {
      const t = eqFor(first);
      return (v) => !t(v);
    }
    case "in":
    case "nin": {
      const tests = values.map(eqFor);
      const hit: Test = (v) => tests.some((t) => t(v));
      return node.op === "in" ? hit : (v) => !hit(v);
    }
    case "contains":
    case "ncontains": {
      const hit = anyOf((v) => text(v, refuse)?.toLowerCase().includes(first) === true);
      return node.op === "contains" ? hit : (v) => !hit(v);
    }
    case "matches":
    case "nmatches": {
      const re = regex(node.values[0] ?? "", node.pos);
      const hit = anyOf((v) => {
        const t = text(v, refuse);
        return t !== undefined && re(t);
      });
      return node.op === "matches" ? hit : (v) => !hit(v);
    }
    default:
      return anyOf(compare(first, node.op, refuse));
  }
}

/** The operands of a chain of one connective (`a and b and c`), gathered without recursion. */
function chain(node: Extract<QueryNode, { type: "and" | "or" }>): QueryNode[] {
  const out: QueryNode[] = [];
  const todo: QueryNode[] = [node];
  while (todo.length > 0) {
    const n = todo.pop() as QueryNode;
    if (n.type === node.type) todo.push(n.right, n.left);
    else out.push(n);
  }
  return out;
}

/** A predicate true when every operand is (a plain loop: this runs once per entity of a scan). */
function allOf(operands: Predicate[]): Predicate {
  return (e) => {
    for (const p of operands) if (!p(e)) return false;
    return true;
  };
}

/** A predicate true when any operand is. */
function someOf(operands: Predicate[]): Predicate {
  return (e) => {
    for (const p of operands) if (p(e)) return true;
    return false;
  };
}

/** Compiles a parsed expression into a predicate over entities (a long `and`/`or` chain is one flat list). */
export function compileQuery(node: QueryNode, refs: RefResolver): Predicate {
  if (node.type !== "cmp") {
    const operands = chain(node).map((n) => compileQuery(n, refs));
    return node.type === "and" ? allOf(operands) : someOf(operands);
  }
  const get = attrGetter(node.attr, refs);
  const test = leafTest(node, refs);
  return (e) => test(get(e));
}
