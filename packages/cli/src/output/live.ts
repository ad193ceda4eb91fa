/**
 * A region of the terminal redrawn in place (the log-update technique): each frame moves the
 * cursor back to the frame's first line and overwrites line by line, erasing only what is left
 * over, so there is no blank flash between frames. The cursor is hidden while it runs and shown
 * again by {@link LiveRegion.close}.
 */

const ESC = "\u001b[";
const HIDE_CURSOR = `${ESC}?25l`;
const SHOW_CURSOR = `${ESC}?25h`;
const ERASE_LINE_END = `${ESC}K`;
const ERASE_DOWN = `${ESC}J`;
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** The printable width of a line (escape sequences do not count). */
export function visibleLength(line: string): number {
  return line.replace(ANSI, "").length;
}

/** A line cut to `width` columns: kept as it is when it fits, else its plain text cut with `…`. */
export function fitLine(line: string, width: number): string {
  if (visibleLength(line) <= width) return line;
  const plain = line.replace(ANSI, "");
  return width <= 1 ? plain.slice(0, width) : `${plain.slice(0, width - 1)}…`;
}

/** The terminal stream a region draws on. */
export type TerminalStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };

/** Lines of the terminal redrawn in place. */
export class LiveRegion {
  #height = 0;
  #closed = false;

  constructor(private readonly stream: TerminalStream) {
    stream.write(HIDE_CURSOR);
  }

  /** The most lines a frame may have without scrolling the terminal (one row left for the cursor). */
  get maxLines(): number {
    return Math.max(3, (this.stream.rows ?? 24) - 1);
  }

  /** Replaces the previous frame with `lines` (each cut to the terminal's width, so none wraps). */
  render(lines: readonly string[]): void {
    if (this.#closed) return;
    const width = Math.max(10, (this.stream.columns ?? 80) - 1);
    const frame = lines.slice(0, this.maxLines).map((line) => `${fitLine(line, width)}${ERASE_LINE_END}\n`);
    const up = this.#height > 0 ? `${ESC}${this.#height}F` : "";
    this.stream.write(`${up}${frame.join("")}${ERASE_DOWN}`);
    this.#height = frame.length;
  }

  /** Leaves the last frame on screen and shows the cursor again (safe to call twice). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.stream.write(SHOW_CURSOR);
  }
}
