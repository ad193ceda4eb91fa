/**
 * Runs of a streamed answer's list items decoded with one `JSON.parse`: the bytes between two item
 * boundaries of a list are already `item,item,…`, so `[` + them + `]` parses them all at once. Used
 * by {@link AnswerStream} to guess where a chunk's last complete item ends without scanning it.
 */
import { bodyText } from "./body-text.js";
import { CLOSE_OBJECT, COMMA, isWhitespace, OPEN_OBJECT } from "./json-bytes.js";

/** Index of the last byte before `at` that is not whitespace (-1 when none). */
function skipWhitespaceBack(bytes: Buffer, at: number): number {
  let i = at;
  while (i >= 0 && isWhitespace(bytes[i]!)) i--;
  return i;
}

/**
 * The position of the last comma of `bytes` that reads `}`, `,`, `{` (whitespace allowed): where
 * one object of a list of objects may end and the next begin; -1 when there is none. Only a
 * guess — it may be inside a string or a nested list — that {@link parseItemRun} confirms.
 */
export function lastObjectSeparator(bytes: Buffer): number {
  let at = bytes.length - 1;
  while (at > 0) {
    const open = bytes.lastIndexOf(OPEN_OBJECT, at);
    if (open <= 0) return -1;
    const comma = skipWhitespaceBack(bytes, open - 1);
    if (comma > 0 && bytes[comma] === COMMA && bytes[skipWhitespaceBack(bytes, comma - 1)] === CLOSE_OBJECT) return comma;
    at = open - 1;
  }
  return -1;
}

/**
 * Parses `bytes` as the items of a list, from an item boundary: `[` + bytes + `]`. It succeeds
 * exactly when `bytes` is a sequence of complete values separated by commas at the list's depth.
 * @throws SyntaxError otherwise (e.g. the run ends inside a string or a nested value).
 */
export function parseItemRun(bytes: Buffer): unknown[] {
  return JSON.parse(`[${bodyText(bytes)}]`) as unknown[];
}
