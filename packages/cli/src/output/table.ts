/**
 * Human output: a cli-table3 table on a terminal (short local dates, coloured header when colours
 * are on), tab-separated values with a header line when piped (ISO dates).
 */
import type { Colours } from "./colour.js";
import { hrLabel, plainCell, tableCell, valueAt } from "./values.js";

/** How to render: a terminal table, or tab-separated text. */
export interface TableStyle {
  tty: boolean;
  colours: Colours;
}

type Row = Record<string, unknown>;

/** No rule between body rows: compact, like `gh` and `kubectl` tables. */
const COMPACT = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

async function newTable(head: string[], style: TableStyle) {
  const { default: Table } = await import("cli-table3");
  // cli-table3 colours heads and borders even when piped; colour is ours to decide.
  return new Table({ head: head.map((h) => style.colours.bold(h)), style: { head: [], border: [] }, chars: COMPACT, wordWrap: false });
}

/** A terminal cell: `*_hr` references shortened to their label (`user:bob@x[standard](…)` → `bob@x`). */
function terminalCell(row: Row, column: string): string {
  const value = valueAt(row, column);
  return tableCell(column.endsWith("_hr") && typeof value === "string" ? hrLabel(value) : value);
}

/** Rows as a table (or TSV) with the given columns. */
export async function renderRows(rows: readonly Row[], columns: readonly string[], style: TableStyle): Promise<string> {
  if (!style.tty) {
    const lines = [columns.join("\t"), ...rows.map((row) => columns.map((c) => plainCell(valueAt(row, c))).join("\t"))];
    return lines.join("\n");
  }
  const table = await newTable([...columns], style);
  for (const row of rows) table.push(columns.map((c) => terminalCell(row, c)));
  return table.toString();
}

/** One object as `key  value` lines (a two-column table on a terminal, TSV otherwise). */
export async function renderRecord(record: Row, style: TableStyle): Promise<string> {
  const entries = Object.entries(record).filter(([, value]) => value !== undefined);
  if (!style.tty) return entries.map(([key, value]) => `${key}\t${plainCell(value)}`).join("\n");
  const { default: Table } = await import("cli-table3");
  const table = new Table({ style: { head: [], border: [] }, chars: COMPACT });
  for (const [key, value] of entries) table.push({ [style.colours.bold(key)]: tableCell(value) });
  return table.toString();
}
