/**
 * Decoding a large answer while it arrives. `JSON.parse` of a whole answer needs the body three
 * times over at its peak (the received chunks, the joined bytes, the text) besides the objects it
 * builds; a 50,000-entity `find` is 33 MB of text. Here the bytes of each item of the answer's
 * top-level lists (`result`, or a bare list) are parsed and decoded as soon as the item is complete,
 * and the chunks are let go: the peak is the decoded objects plus a chunk or two.
 *
 * The answer is exactly what `decodeAnswer` of the whole text gives (same values, dates, `ObjectId:`
 * rules, same acceptance of invalid JSON): the items and the rest of the answer (the "skeleton",
 * with each list replaced by a placeholder) go through `JSON.parse`, and the scan below only finds
 * where items start and end. Items are parsed in runs ({@link parseItemRun}): the bytes of
 * consecutive complete items are already `item,item,…`, so one `JSON.parse` decodes them all — a
 * call per item, and a byte scan of every byte, cost ~1.5× the whole-text decode (issue 26). Once a
 * chunk has been scanned to an item boundary, the next chunks are not scanned at all: the last
 * `}, {` of the bytes since the boundary is guessed to end an item ({@link lastObjectSeparator}),
 * and the parse of the run up to it confirms the guess (it succeeds only when the run is whole
 * items). A wrong guess (a `}, {` in a string or a nested list) or none costs a scan of the bytes,
 * as before. Lazy items are always split one by one.
 */
import { objectPrototypeIsClean } from "./prototype.js";
import { bodyText } from "./body-text.js";
import { BACKSLASH, CLOSE_LIST, CLOSE_OBJECT, COMMA, isWhitespace, OPEN_LIST, OPEN_OBJECT, QUOTE } from "./json-bytes.js";
import { lastObjectSeparator, parseItemRun } from "./item-runs.js";
import { LazyItem } from "./lazy-item.js";
import { decodeAnswer, reviveListItem, setMember } from "./revive.js";

/** A scanned run of items is parsed at the first item boundary past this many bytes (or at the end of a chunk). */
export const RUN_BYTES = 256 * 1024;
/** Larger chunks are taken in pieces of this size (the first one holds the first 4 MiB of the body). */
const PIECE_BYTES = 64 * 1024;

/** Joins pieces of bytes (most often one). */
function join(pieces: Buffer[]): Buffer {
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
}

/** True when every byte is JSON whitespace. */
function isBlank(bytes: Buffer): boolean {
  return bytes.every(isWhitespace);
}

/**
 * Receives an answer's bytes chunk by chunk and decodes it. {@link AnswerStream.end} gives the value,
 * or throws the `SyntaxError` that `JSON.parse` of the whole text would have thrown (not its message).
 */
export class AnswerStream {
  /** Bytes outside the lists being split, in order, lists replaced by `[n]`. */
  readonly #skeleton: Buffer[] = [];
  /** The decoded items of each split list, by placeholder number. */
  readonly #lists: unknown[][] = [];
  readonly #clean = objectPrototypeIsClean();
  /** Items are kept as {@link LazyItem}s instead of being decoded. */
  readonly #lazy: boolean;
  /** Pieces of the run of items being received (it began in an earlier chunk). */
  #run: Buffer[] = [];
  /** `#run` starts at an item boundary and has not been scanned: the next chunk guesses where items end. */
  #unscanned = false;
  /** The scan of the current chunk passed an item boundary. */
  #crossed = false;
  #depth = 0;
  /** Depth of the items of the list being split, 0 when not in one. */
  #itemDepth = 0;
  #commas = 0;
  #inString = false;
  /** The previous chunk ended with a backslash inside a string. */
  #escaped = false;
  /** The first byte that is not whitespace: `{`, `[`, or anything else (then the text is kept whole). */
  #first: number | undefined;
  #failed: SyntaxError | undefined;

  /** A decoder; with `lazy`, the items of the split lists are left as {@link LazyItem}s. */
  constructor(options: { lazy?: boolean } = {}) {
    this.#lazy = options.lazy === true;
  }

  /** Takes the next chunk of the body. */
  push(chunk: Buffer): void {
    // an empty chunk must not consume the state a chunk boundary left (an escape to skip)
    if (this.#failed || chunk.length === 0) return;
    if (this.#first === undefined) {
      const at = chunk.findIndex((b) => !isWhitespace(b));
      if (at !== -1) this.#first = chunk[at];
    }
    if (this.#first !== OPEN_OBJECT && this.#first !== OPEN_LIST) {
      this.#skeleton.push(chunk);
      return;
    }
    try {
      for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
        const piece = chunk.length <= PIECE_BYTES ? chunk : chunk.subarray(at, at + PIECE_BYTES);
        if (this.#unscanned) this.#guess(piece);
        else this.#scan(piece);
        this.#restartAtBoundary();
      }
    } catch (error) {
      this.#failed = error instanceof SyntaxError ? error : new SyntaxError(String(error));
      this.#skeleton.length = 0;
      this.#run = [];
    }
  }

  /** The decoded answer. @throws SyntaxError when the body is not JSON. */
  end(): unknown {
    if (this.#failed) throw this.#failed;
    if (this.#unscanned) {
      this.#unscanned = false;
      const rest = join(this.#run.length === 0 ? [Buffer.alloc(0)] : this.#run);
      this.#run = [];
      this.#scan(rest);
    }
    const text = bodyText(join(this.#skeleton.length === 0 ? [Buffer.alloc(0)] : this.#skeleton));
    if (this.#first !== OPEN_OBJECT && this.#first !== OPEN_LIST) return decodeAnswer(text);
    if (this.#inString || this.#escaped || this.#itemDepth !== 0) throw new SyntaxError("Unexpected end of JSON input");
    const value = decodeAnswer(text);
    if (Array.isArray(value)) return this.#lists[value[0] as number];
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const member = record[key];
      if (Array.isArray(member)) setMember(record, key, this.#lists[member[0] as number]);
    }
    return record;
  }

  #scan(chunk: Buffer): void {
    const n = chunk.length;
    // the state lives in locals while the loop runs (written back at the end)
    let depth = this.#depth;
    let itemDepth = this.#itemDepth;
    let inString = this.#inString;
    const splitsAtTwo = this.#first === OPEN_OBJECT;
    // where the bytes of this chunk that belong to the skeleton (or to the item) begin
    let from = 0;
    // an escape that ended the previous chunk escapes this chunk's first byte
    let i = this.#escaped ? 1 : 0;
    this.#escaped = false;
    // the last comma between two items of this chunk not yet parsed (-1: none)
    let boundary = -1;
    while (i < n) {
      const c = chunk[i]!;
      if (inString) {
        // a byte loop beats indexOf here: strings are short, and a native call per string costs more
        if (c === BACKSLASH) {
          if (i + 1 === n) this.#escaped = true;
          i += 2;
          continue;
        }
        if (c === QUOTE) inString = false;
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_LIST) {
        depth++;
        if (c === OPEN_LIST && itemDepth === 0 && (depth === 1 || (depth === 2 && splitsAtTwo))) {
          // a list to split: the skeleton gets its placeholder, its items are parsed one by one
          this.#skeleton.push(chunk.subarray(from, i), Buffer.from(`[${this.#lists.length}]`, "latin1"));
          this.#lists.push([]);
          itemDepth = depth;
          this.#commas = 0;
          this.#crossed = true;
          from = i + 1;
        }
      } else if (c === CLOSE_OBJECT || c === CLOSE_LIST) {
        if (itemDepth !== 0 && depth === itemDepth) {
          if (c !== CLOSE_LIST) throw new SyntaxError("Unexpected token '}' in JSON");
          this.#finishRun(chunk.subarray(from, i), true);
          itemDepth = 0;
          from = i + 1;
          boundary = -1;
        }
        depth--;
      } else if (c === COMMA && itemDepth !== 0 && depth === itemDepth) {
        this.#commas++;
        this.#crossed = true;
        // lazy items are kept one by one; others wait for the end of the chunk or a long run
        if (this.#lazy || i - from >= RUN_BYTES) {
          this.#finishRun(chunk.subarray(from, i), false);
          from = i + 1;
        } else boundary = i;
      }
      i++;
    }
    this.#depth = depth;
    this.#itemDepth = itemDepth;
    this.#inString = inString;
    if (boundary >= from) {
      this.#finishRun(chunk.subarray(from, boundary), false);
      from = boundary + 1;
    }
    if (from < n) (itemDepth === 0 ? this.#skeleton : this.#run).push(chunk.subarray(from, n));
  }

  /**
   * Takes `chunk` after an item boundary without scanning it: parses the run up to the last guessed
   * item end (the rest waits for the next chunk), or scans the bytes when there is no right guess.
   */
  #guess(chunk: Buffer): void {
    this.#run.push(chunk);
    const bytes = join(this.#run);
    this.#run = [];
    const cut = lastObjectSeparator(bytes);
    let items: unknown[] | undefined;
    try {
      if (cut !== -1) items = parseItemRun(bytes.subarray(0, cut));
    } catch {
      // a wrong guess: scanned below
    }
    if (!items) {
      this.#unscanned = false;
      this.#scan(bytes);
      return;
    }
    const list = this.#lists[this.#lists.length - 1]!;
    for (const item of items) list.push(reviveListItem(item, this.#clean));
    this.#commas += items.length;
    this.#run.push(bytes.subarray(cut + 1));
  }

  /**
   * After a chunk whose scan passed an item boundary, in a list whose items are decoded: forgets
   * the scan of the item begun since (its bytes are all in `#run`) so the next chunk can guess.
   */
  #restartAtBoundary(): void {
    if (this.#crossed && !this.#lazy && this.#itemDepth !== 0) {
      this.#depth = this.#itemDepth;
      this.#inString = false;
      this.#escaped = false;
      this.#unscanned = true;
    }
    this.#crossed = false;
  }

  /** Parses and decodes a run of complete items of the list being split (`last`: it ended at `]`). */
  #finishRun(tail: Buffer, last: boolean): void {
    const pieces = this.#run;
    pieces.push(tail);
    this.#run = [];
    const bytes = join(pieces);
    const list = this.#lists[this.#lists.length - 1]!;
    if (isBlank(bytes)) {
      // `[]` (or `[ ]`) is an empty list; any other blank item is the syntax error JSON.parse reports
      if (last && this.#commas === 0 && list.length === 0) return;
      throw new SyntaxError("Unexpected token ',' in JSON");
    }
    if (this.#lazy) {
      list.push(new LazyItem(bytes, this.#clean));
      return;
    }
    for (const item of parseItemRun(bytes)) list.push(reviveListItem(item, this.#clean));
  }
}
