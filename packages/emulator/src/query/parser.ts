import { LimitError, LIMITS } from "../limits.js";
import { QuerySyntaxError, type Token, tokenize } from "./tokenizer.js";

/** Comparison operators after parsing. */
export type Op = "eq" | "ne" | "lt" | "gt" | "le" | "ge" | "in" | "nin" | "contains" | "ncontains" | "matches" | "nmatches";

/** A node of a parsed expression. */
export type QueryNode =
  | { type: "and" | "or"; left: QueryNode; right: QueryNode }
  | { type: "cmp"; attr: string; op: Op; values: string[]; pos: number };

const SYMBOL_OPS = new Map<string, Op>([["=", "eq"], ["!=", "ne"], ["<>", "ne"], ["<", "lt"], [">", "gt"], ["<=", "le"], [">=", "ge"]]);
const WORD_OPS = new Map<string, Op>([["in", "in"], ["contains", "contains"], ["matches", "matches"]]);
const NEGATED = new Map<string, Op>([["in", "nin"], ["contains", "ncontains"], ["matches", "nmatches"]]);

/** Parses an expression (`a=1 and (b in 2,3 or c matches '^x')`) into a tree. */
export function parseQuery(text: string): QueryNode {
  const tokens = tokenize(text);
  let i = 0;
  let nesting = 0;
  const peek = (): Token => tokens[i] as Token;
  const next = (): Token => tokens[i++] as Token;
  const isWord = (t: Token, w: string): boolean => t.kind === "word" && t.value.toLowerCase() === w;
  const error = (t: Token, message: string): never => {
    throw new QuerySyntaxError(message, t.pos, t.value);
  };

  const value = (): string => {
    const t = next();
    if (t.kind === "word" || t.kind === "string") return t.value;
    return error(t, "expected a value");
  };

  const comparison = (): QueryNode => {
    const attrTok = next();
    if (attrTok.kind !== "word") return error(attrTok, "expected an attribute name");
    const opTok = next();
    let op: Op | undefined;
    if (opTok.kind === "op") op = SYMBOL_OPS.get(opTok.value);
    else if (opTok.kind === "word") {
      const w = opTok.value.toLowerCase();
      if (w === "not") {
        const negTok = next();
        op = negTok.kind === "word" ? NEGATED.get(negTok.value.toLowerCase()) : undefined;
        if (!op) return error(negTok, "expected 'in', 'contains' or 'matches' after 'not'");
      } else op = WORD_OPS.get(w);
    }
    if (!op) return error(opTok, "expected an operator (=, !=, <>, <, >, <=, >=, in, not in, contains, matches)");
    const values = [value()];
    if (op === "in" || op === "nin") while (peek().kind === "comma" && next()) values.push(value());
    return { type: "cmp", attr: attrTok.value.toLowerCase(), op, values, pos: attrTok.pos };
  };

  const primary = (): QueryNode => {
    if (peek().kind === "lparen") {
      const open = next();
      if (++nesting > LIMITS.queryNesting)
        throw new LimitError("queryNesting", `The query nests parentheses deeper than ${LIMITS.queryNesting} levels (at position ${open.pos})`);
      const node = or();
      nesting--;
      const close = next();
      if (close.kind !== "rparen") return error(close, "expected ')'");
      return node;
    }
    return comparison();
  };

  const and = (): QueryNode => {
    let left = primary();
    while (isWord(peek(), "and")) {
      next();
      left = { type: "and", left, right: primary() };
    }
    return left;
  };

  const or = (): QueryNode => {
    let left = and();
    while (isWord(peek(), "or")) {
      next();
      left = { type: "or", left, right: and() };
    }
    return left;
  };

  const root = or();
  const rest = peek();
  if (rest.kind !== "eof") error(rest, "expected 'and', 'or' or the end of the query");
  return root;
}
