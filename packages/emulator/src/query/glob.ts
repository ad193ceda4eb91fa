/**
 * The one glob matcher of the emulator, for query values (`code=*a*b`, `in`) and file filters
 * (`include`/`exclude`, `transfer_exclude`): `*` stands for any run of characters, newlines included;
 * every other character is literal. Matching is a left-to-right scan with `indexOf` — no backtracking
 * regex — so a pattern with many stars costs at most one pass over the text per star.
 */

/** A compiled glob: true when the whole text matches. */
export type GlobMatcher = (text: string) => boolean;

/** Compiles `pattern` (matched as given: lower-case both sides for a case-insensitive match). */
export function globMatcher(pattern: string): GlobMatcher {
  if (!pattern.includes("*")) return (text) => text === pattern;
  const parts = pattern.split("*");
  const head = parts[0] as string;
  const tail = parts[parts.length - 1] as string;
  const middle = parts.slice(1, -1).filter((p) => p !== "");
  const least = head.length + tail.length + middle.reduce((n, p) => n + p.length, 0);
  return (text) => {
    if (text.length < least || !text.startsWith(head) || !text.endsWith(tail)) return false;
    // Leftmost-first placement of each middle part is optimal: any later placement leaves less room.
    let at = head.length;
    const end = text.length - tail.length;
    for (const part of middle) {
      const i = text.indexOf(part, at);
      if (i < 0 || i + part.length > end) return false;
      at = i + part.length;
    }
    return true;
  };
}
