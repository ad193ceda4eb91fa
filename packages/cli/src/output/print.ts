/**
 * The printer every command uses: `--json`, `--ndjson`, a table on a terminal, or tab-separated
 * text when piped.
 */
import { colours, type Colours } from "./colour.js";
import { columnsFor } from "./columns.js";
import { toJson, toJsonLine, toNdjson } from "./json.js";
import { renderRecord, renderRows } from "./table.js";

/** How results are written. */
export type OutputMode = "json" | "ndjson" | "human";

/** Options of {@link Printer.result}. */
export interface ResultOptions {
  /** The entity type of the rows (chooses the table columns). */
  entitytype?: string;
  /** A sentence shown instead of the raw result in human mode (e.g. `Deleted transfer 6f…`). */
  message?: string;
  /** Columns to show in human mode, instead of those chosen for the entity type. */
  columns?: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Writes results to stdout in the chosen mode. */
export class Printer {
  readonly colours: Colours;
  readonly tty: boolean;

  constructor(
    readonly mode: OutputMode,
    private readonly stdout: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
    /** Where notes for people go when stdout is not a terminal (it then carries data only). */
    private readonly notes: NodeJS.WritableStream = process.stderr,
  ) {
    this.tty = stdout.isTTY === true;
    this.colours = colours(stdout);
  }

  /** Writes one line of text. */
  line(text: string): void {
    this.stdout.write(`${text}\n`);
  }

  /** Writes one value as an NDJSON line (streams). */
  streamItem(value: unknown): void {
    this.line(toJsonLine(value));
  }

  /**
   * Writes a command's result in the chosen mode. An empty list writes `[]` under `--json` (the
   * data), nothing under `--ndjson`, and in human mode `(none)` on a terminal, else on stderr:
   * piped stdout carries data only.
   */
  async result(value: unknown, options: ResultOptions = {}): Promise<void> {
    if (this.mode === "json") return this.line(toJson(value));
    const empty = Array.isArray(value) && value.length === 0;
    if (this.mode === "ndjson") return empty ? undefined : this.line(toNdjson(value));
    if (options.message !== undefined) return this.line(options.message);
    const style = { tty: this.tty, colours: this.colours };
    if (Array.isArray(value)) {
      if (empty) return this.tty ? this.line(this.colours.dim("(none)")) : void this.notes.write("(none)\n");
      if (value.every(isRecord)) {
        const columns = options.columns ?? columnsFor(options.entitytype, value);
        return this.line(await renderRows(value, columns, style));
      }
      return this.line(value.map((item) => (isRecord(item) ? JSON.stringify(item) : String(item))).join("\n"));
    }
    if (isRecord(value)) return this.line(await renderRecord(value, style));
    if (value === null || value === undefined) return;
    this.line(value instanceof Date ? value.toISOString() : String(value));
  }
}
