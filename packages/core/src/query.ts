/**
 * Queries: splitting `<entitytype> [WHERE <expression>]` exactly as the reference client does
 * (except that a newline counts as a space), and building expressions safely from values.
 */
import { formatUtcDateTime } from "./codec.js";
import { AccsynValidationError } from "./errors.js";

/** A query split into its entity type and expression, both lowercased as the reference sends them. */
export interface ParsedQuery {
  /** The entity type, lowercased (`job`, `user`, `entitytypes`, `attributes`, …). */
  entitytype: string;
  /** The expression after `WHERE`, lowercased, whitespace inside kept as typed; absent without WHERE. */
  expression?: string;
}

/** A single value accepted by the {@link query} template. */
export type QueryScalar = string | number | bigint | boolean | Date;

/** A value accepted by the {@link query} template; an array becomes a comma-separated list (for `in`). */
export type QueryValue = QueryScalar | readonly QueryScalar[];

const FORM = '"<entitytype>" or "<entitytype> WHERE <expression>"';
/** Python's `str.isspace()` for one UTF-16 unit. */
function isPySpace(c: number): boolean {
  if (c <= 0x20) return (c >= 0x09 && c <= 0x0d) || c >= 0x1c;
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}
const NEWLINE = /\r\n|[\n\r]/g;

/** Python's `str.strip()`. */
function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isPySpace(s.charCodeAt(start))) start++;
  while (end > start && isPySpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** The query as shown in messages, shortened when long. */
function show(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * The reference split: words are separated by single spaces outside double quotes and
 * parentheses; a run of spaces produces no empty words (the extra spaces stay at the start of the
 * next word, which keeps the expression as typed when words are joined back with one space).
 */
function splitWords(text: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let atSpace = false;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (!quoted && depth === 0 && !atSpace) {
        atSpace = true;
        if (start < i) {
          parts.push(text.slice(start, i));
          start = i + 1;
        }
      }
      continue;
    }
    atSpace = false;
    if (c === 34) quoted = !quoted;
    else if (c === 40 && !quoted) depth++;
    else if (c === 41 && !quoted) depth--;
  }
  if (start < text.length) parts.push(text.slice(start));
  return parts;
}

/**
 * Splits `<entitytype>` or `<entitytype> WHERE <expression>` like the reference client: trimmed,
 * tabs and newlines become spaces, `WHERE` in any case; entity type and expression lowercased.
 * @throws AccsynValidationError for anything that is not a non-empty string of that form.
 */
export function parseQuery(query: string): ParsedQuery {
  const known = typeof query === "string" ? recentQueries.get(query) : undefined;
  if (known) return { ...known };
  const parsed = splitQuery(query);
  if (recentQueries.size >= RECENT_QUERIES) recentQueries.delete(recentQueries.keys().next().value as string);
  recentQueries.set(query, parsed);
  return { ...parsed };
}

/** How many parsed queries {@link parseQuery} remembers: a script's queries repeat, call after call. */
const RECENT_QUERIES = 256;
const recentQueries = new Map<string, ParsedQuery>();

/** {@link parseQuery} without its memory. */
function splitQuery(query: string): ParsedQuery {
  if (typeof query !== "string" || query.length === 0) {
    throw new AccsynValidationError(`Invalid query: expected a non-empty string, ${FORM}, e.g. "job WHERE code=dailies-042"`);
  }
  const text = pyStrip(query.replaceAll("\t", " ").replace(NEWLINE, " "));
  const parts = splitWords(text);
  const [entity, where] = parts;
  if (entity === undefined) throw new AccsynValidationError(`Invalid query: it is blank; expected ${FORM}`);
  if (parts.length === 1) return { entitytype: entity.toLowerCase() };
  if (parts.length === 2) {
    throw new AccsynValidationError(
      `Query has invalid syntax; statements can either be single ("<entity>"") or with a WHERE statement ("<(sub)entity> WHERE {<entity>.}id=..{ AND ..}"") — Invalid query "${show(text)}": expected ${FORM} (an expression must follow WHERE)`,
    );
  }
  if (pyStrip(where ?? "").toLowerCase() !== "where") {
    throw new AccsynValidationError(
      `Invalid query "${show(text)}", should be on the form "<entitytype> where <expression>". The second word must be WHERE; expected ${FORM}`,
    );
  }
  return { entitytype: entity.toLowerCase(), expression: parts.slice(2).join(" ").toLowerCase() };
}

/** Characters a bare value may consist of: they cannot end a word or start an operator. */
const SAFE_BARE = /^[A-Za-z0-9_.@:+\-/]+$/;
/** Characters no value may hold: controls (newlines become spaces), escapes and wildcards. */
const FORBIDDEN = /[\u0000-\u001f\u007f\\*]/;
/** Words the expression language reads as keywords. */
const KEYWORDS = new Set(["and", "or", "not", "in", "contains", "matches", "where"]);

/** Describes a value for an error message. */
function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(show(value));
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return "(an invalid Date)";
  if (Array.isArray(value)) return "(a list)";
  return value === null ? "null" : `(${typeof value})`;
}

/** Refusal of a value, naming its position. */
function refuse(label: string, value: unknown, why: string): never {
  throw new AccsynValidationError(`Cannot use ${label} ${describe(value)} in a query: ${why}`);
}

/** Formats a string value: bare when safe, else quoted, else refused. */
function quoteString(value: string, label: string): string {
  if (value === "") return '""';
  if (FORBIDDEN.test(value)) {
    refuse(label, value, "control characters, backslashes and * wildcards cannot be sent safely inside a value (write wildcards in the query text itself)");
  }
  if (SAFE_BARE.test(value) && !KEYWORDS.has(value.toLowerCase())) return value;
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  return refuse(label, value, "it contains both kinds of quotes, so it cannot be quoted");
}

/** Formats a scalar value. */
function formatScalar(value: unknown, label: string): string {
  switch (typeof value) {
    case "string":
      return quoteString(value, label);
    case "number":
      return Number.isFinite(value) ? String(value) : refuse(label, value, "numbers must be finite");
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    default:
      if (value instanceof Date && !Number.isNaN(value.getTime())) return formatUtcDateTime(value);
      return refuse(label, value, "values must be strings, numbers, booleans, Dates or arrays of them");
  }
}

/** Formats a value or a non-empty array of values (comma-separated, for `in`). */
function formatValue(value: unknown, label: string): string {
  if (!Array.isArray(value)) return formatScalar(value, label);
  if (value.length === 0) return refuse(label, value, "an empty list cannot be written in a query");
  return value.map((item, i) => (Array.isArray(item) ? refuse(`${label}[${i}]`, item, "lists cannot be nested") : formatScalar(item, `${label}[${i}]`))).join(",");
}

/**
 * Formats one value for an expression: strings of safe characters (`[A-Za-z0-9_.@:+-/]`, not a
 * keyword) bare, other strings in double quotes, or single quotes when they hold a double quote;
 * numbers, booleans, Dates (UTC `YYYY-MM-DDTHH:MM:SS`) as they are; arrays comma-separated.
 * @throws AccsynValidationError for values that could change the query's structure.
 */
export function quoteQueryValue(value: QueryValue): string {
  return formatValue(value, "the value");
}

/** The quote left open at the end of `text` when starting with `open` (`undefined`: none). */
function openQuoteAfter(text: string, open: string | undefined): string | undefined {
  for (const c of text) {
    if (open === undefined) {
      if (c === '"' || c === "'") open = c;
    } else if (c === open) open = undefined;
  }
  return open;
}

/** The cooked text of a template chunk (refusing invalid escapes, whose text is undefined). */
function templateText(strings: TemplateStringsArray, index: number): string {
  const text = strings[index];
  if (text === undefined) throw new AccsynValidationError("Invalid query template: it contains an invalid escape sequence");
  return text;
}

/** A value the template author already put inside quotes: inserted as is, when it cannot close them. */
function insideQuotes(value: unknown, quote: string, label: string): string {
  if (typeof value !== "string") return formatScalar(value, label);
  if (FORBIDDEN.test(value) || value.includes(quote)) {
    refuse(label, value, `inside ${quote}…${quote} a value cannot hold ${quote}, control characters, backslashes or * wildcards`);
  }
  return value;
}

/** A query whose entity type (its first word) is `E`, as `query("Transfer")` builds it: `find` types its answer from `E`. */
export type TypedQuery<E extends string> = E | `${E} ${string}`;

/** The tag `query(entitytype)` returns: builds the rest of the query after the entity type. */
export type QueryTag<E extends string> = (strings: TemplateStringsArray, ...values: readonly QueryValue[]) => TypedQuery<E>;

/** Builds the text of a template from values that can never change its structure. */
function buildQuery(strings: TemplateStringsArray, values: readonly QueryValue[]): string {
  let out = templateText(strings, 0);
  let open = openQuoteAfter(out, undefined);
  for (let i = 0; i < values.length; i++) {
    const label = `query value #${i + 1}`;
    const after = templateText(strings, i + 1);
    out += (open === undefined ? formatValue(values[i], label) : insideQuotes(values[i], open, label)) + after;
    open = openQuoteAfter(after, open);
  }
  return out;
}

function isTemplateStrings(value: unknown): value is TemplateStringsArray {
  return Array.isArray(value) && "raw" in value;
}

/**
 * Tagged template building a query from values that can never change its structure:
 * ``query`User WHERE code=${email} AND status in ${["online", "disabled"]}` `` Values are
 * formatted by {@link quoteQueryValue}; a placeholder inside quotes written in the template
 * (`"${v}"`) is inserted as is when the value cannot close them.
 *
 * TypeScript cannot read the text of a tagged template at compile time, so `` query`…` `` is a
 * plain `string` and `find` answers `Entity[]`. To keep the entity typing a string literal gets,
 * name the entity type first: ``find(query("Transfer")`WHERE status=${s}`)`` answers `Transfer[]`.
 * @throws AccsynValidationError naming the value (1-based) that cannot be inserted safely.
 */
export function query(strings: TemplateStringsArray, ...values: readonly QueryValue[]): string;
/**
 * A tag for the rest of a query on `entitytype`, typed by it:
 * ``query("Transfer")`WHERE status=${s}` `` is `"Transfer WHERE status=…"` of type `TypedQuery<"Transfer">`.
 * @throws AccsynValidationError when `entitytype` is not one word.
 */
export function query<E extends string>(entitytype: E): QueryTag<E>;
export function query(first: TemplateStringsArray | string, ...values: readonly QueryValue[]): string | QueryTag<string> {
  if (isTemplateStrings(first)) return buildQuery(first, values);
  if (typeof first !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(first)) {
    throw new AccsynValidationError(`Invalid entity type ${describe(first)} for query(): pass one word such as "Transfer", then the rest as a template: query("Transfer")\`WHERE status=\${s}\``);
  }
  return (strings, ...rest) => {
    const tail = buildQuery(strings, rest).trim();
    return (tail === "" ? first : `${first} ${tail}`) as TypedQuery<string>;
  };
}
