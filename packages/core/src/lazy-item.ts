/**
 * An item of a large answer's list kept as its bytes until read (see `CallOptions.lazyItems`): a
 * caller walking a page of 50,000 entities decodes them one at a time, so each lives only as long
 * as the caller keeps it instead of the whole page of objects outliving its use.
 */
import { bodyText } from "./body-text.js";
import { reviveListItem } from "./revive.js";

/** One undecoded item of an answer's list. */
export class LazyItem {
  readonly #bytes: Buffer;
  readonly #clean: boolean;

  /** @internal Made by the answer decoder. */
  constructor(bytes: Buffer, clean: boolean) {
    this.#bytes = bytes;
    this.#clean = clean;
  }

  /**
   * The item as the whole answer's decoding would give it (dates, `ObjectId:` rules).
   * @throws SyntaxError when its bytes are not JSON.
   */
  decode(): unknown {
    return reviveListItem(JSON.parse(bodyText(this.#bytes)), this.#clean);
  }
}
