import { ApiError } from "./util.js";

/**
 * Every limit the emulator puts on a request, in one place (documented in the README's "Limits" table).
 * A request over a limit is refused before anything is applied: HTTP 413 for sizes, 400 otherwise,
 * with a message that names the limit.
 */
export const LIMITS = {
  /** Largest request body, query string and inflated `gz_data`, in bytes (413). */
  bodyBytes: 64 * 1024 * 1024,
  /** Deepest nesting of objects and arrays in an event, `data`/`gz_data` and metadata included (400). MongoDB, behind the real service, stops at 100. */
  jsonDepth: 100,
  /** Longest `query` expression, in characters (400). */
  queryLength: 1024 * 1024,
  /** Deepest nesting of parentheses in a `query` expression (400). */
  queryNesting: 100,
} as const;

/** The name of a limit (a key of {@link LIMITS}). */
export type LimitName = keyof typeof LIMITS;

/** A request over one of the {@link LIMITS}: HTTP 413 for sizes, 400 otherwise; the message names the limit. */
export class LimitError extends ApiError {
  /** The limit that was exceeded. */
  readonly limit: LimitName;
  constructor(limit: LimitName, what: string) {
    super(limit === "bodyBytes" ? 413 : 400, `${what} (limit ${limit} = ${LIMITS[limit]})`);
    this.name = "LimitError";
    this.limit = limit;
  }
}

/** Keys refused anywhere in an event: assigning them to a plain object would replace its prototype. */
const FORBIDDEN_KEYS = new Set(["__proto__"]);

/**
 * Checks the JSON text of an event before it is parsed: nesting of at most {@link LIMITS.jsonDepth}
 * (a linear scan, no recursion, so any depth is answered). Malformed text is left to the parser.
 */
export function checkJsonText(text: string, what: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > LIMITS.jsonDepth) throw new LimitError("jsonDepth", `${what} nests objects and arrays deeper than ${LIMITS.jsonDepth} levels`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

/** Checks a parsed event value: no key named `__proto__` at any level (iterative walk; depth is already bounded). */
export function checkJsonKeys(value: unknown, what: string): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) throw new ApiError(400, `${what} has a key named '${key}', which is not allowed`);
      stack.push((v as Record<string, unknown>)[key]);
    }
  }
}

/** Checks a `query` expression's length ({@link LIMITS.queryLength}). */
export function checkQueryLength(query: string): void {
  if (query.length > LIMITS.queryLength)
    throw new LimitError("queryLength", `The query is ${query.length} characters long`);
}
