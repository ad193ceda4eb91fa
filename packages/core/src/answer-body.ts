/**
 * Collecting an answer's body: small bodies are joined and read as text (one `JSON.parse` later is
 * the fastest way to decode them); past {@link STREAM_FROM} bytes the body is decoded while it
 * arrives ({@link AnswerStream}) and only its beginning is kept as text, for messages and logs.
 */
import { AnswerStream } from "./answer-stream.js";
import { bodyText } from "./body-text.js";

/** Bodies larger than this are decoded while they arrive. */
export const STREAM_FROM = 4 * 1024 * 1024;
/** How much of a streamed body is kept as text (error messages quote 300 characters, verbose logs 10,000). */
export const KEPT_TEXT = 64 * 1024;

/** A received body: its text (or the first {@link KEPT_TEXT} bytes of it), and its decoder when streamed. */
export interface ReceivedBody {
  text: string;
  /** Present when the body was decoded while it arrived: the value, or the `SyntaxError` of invalid JSON. */
  decode?: () => unknown;
}

/** Receives one body chunk by chunk. */
export class BodyCollector {
  readonly #lazy: boolean;
  #chunks: Buffer[] = [];
  #size = 0;
  #stream: AnswerStream | undefined;
  #head: Buffer | undefined;

  /** A collector; with `lazy`, a streamed body's list items stay undecoded (`LazyItem`). */
  constructor(options: { lazy?: boolean } = {}) {
    this.#lazy = options.lazy === true;
  }

  /** Takes the next chunk. */
  add(chunk: Buffer): void {
    if (this.#stream) return this.#stream.push(chunk);
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    if (this.#size <= STREAM_FROM) return;
    const received = Buffer.concat(this.#chunks, this.#size);
    this.#head = Buffer.from(received.subarray(0, KEPT_TEXT));
    this.#chunks = [];
    this.#stream = new AnswerStream({ lazy: this.#lazy });
    this.#stream.push(received);
  }

  /** The body received. */
  finish(): ReceivedBody {
    const stream = this.#stream;
    if (stream && this.#head) return { text: bodyText(this.#head), decode: () => stream.end() };
    return { text: bodyText(this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#size)) };
  }
}
