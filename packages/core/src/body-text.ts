/** Reading answer bytes as text. */
import { isAscii } from "node:buffer";

/**
 * Body bytes as text. The backend writes ASCII (Python escapes everything else), and ASCII bytes
 * read as Latin-1 give the same text three times faster than UTF-8 decoding; anything else is UTF-8.
 */
export function bodyText(body: Buffer): string {
  return isAscii(body) ? body.toString("latin1") : body.toString("utf8");
}
