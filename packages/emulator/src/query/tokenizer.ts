/** A token of the query language. */
export interface Token {
  /** Token class. */
  kind: "lparen" | "rparen" | "comma" | "op" | "word" | "string" | "eof";
  /** The text (unquoted for strings). */
  value: string;
  /** Zero-based offset in the expression. */
  pos: number;
}

/** A query syntax error that points at the offending position and token. */
export class QuerySyntaxError extends Error {
  constructor(message: string, pos: number, near: string) {
    super(`Query syntax error at position ${pos}${near ? ` near '${near}'` : " (end of query)"}: ${message}`);
    this.name = "QuerySyntaxError";
  }
}

const SPECIAL = new Set(["(", ")", ",", "'", '"', "=", "!", "<", ">"]);
const OPERATORS = ["!=", "<>", "<=", ">=", "=", "<", ">"];

/** Splits an expression into tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: c === "(" ? "lparen" : c === ")" ? "rparen" : "comma", value: c, pos: i });
      i++;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new QuerySyntaxError("unterminated quoted string", i, text.slice(i, i + 20));
      tokens.push({ kind: "string", value: text.slice(i + 1, end), pos: i });
      i = end + 1;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (op) {
        tokens.push({ kind: "op", value: op, pos: i });
        i += op.length;
        continue;
      }
      if (c === "!") throw new QuerySyntaxError("unexpected character", i, c);
      const start = i;
      while (i < text.length && !SPECIAL.has(text[i] as string) && !/\s/.test(text[i] as string)) i++;
      tokens.push({ kind: "word", value: text.slice(start, i), pos: start });
    }
  }
  tokens.push({ kind: "eof", value: "", pos: text.length });
  return tokens;
}
