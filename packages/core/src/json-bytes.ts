/** The bytes of JSON text that the byte-level scanners (Python separators, streamed answers) look for. */
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const SPACE = 0x20;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
export const OPEN_LIST = 0x5b;
export const CLOSE_LIST = 0x5d;

/** True for the bytes JSON reads as whitespace. */
export function isWhitespace(b: number): boolean {
  return b === SPACE || b === 0x0a || b === 0x0d || b === 0x09;
}
