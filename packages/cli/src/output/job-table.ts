/**
 * The frame of `accsyn watch` on a terminal: one line per watched entity — jobs with a progress
 * bar, speed, ETA and size; other entities with their status and last change — and a footer.
 */
import type { Colours } from "./colour.js";
import { etaText, speedText } from "./progress.js";
import { humanSize } from "./values.js";

const BAR = 20;
const TERMINAL_OK = new Set(["done"]);
const TERMINAL_BAD = new Set(["failed", "aborted"]);

/** A row of the table: the entity as last seen. */
export type WatchedRow = Record<string, unknown>;

/** What the footer says. */
export interface FooterInfo {
  query: string;
  /** When the last poll answered. */
  updated: Date | undefined;
  /** Entities matching the query at the last poll (finished jobs keep their row after they leave it). */
  matching?: number | undefined;
  /** Set while polls fail (the backend cannot be reached). */
  problem?: string | undefined;
}

/** `[██████░░░░░░░░░░░░░░]  30%` */
export function progressBar(progress: unknown): string {
  const pct = typeof progress === "number" && Number.isFinite(progress) ? Math.max(0, Math.min(100, progress)) : 0;
  const filled = Math.round((pct / 100) * BAR);
  return `[${"█".repeat(filled)}${"░".repeat(BAR - filled)}] ${String(Math.round(pct)).padStart(3)}%`;
}

function label(row: WatchedRow): string {
  const text = row.name ?? row.code ?? row.id;
  return typeof text === "string" ? text : String(text ?? "");
}

function cell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function statusCell(status: unknown, c: Colours): string {
  const text = cell(typeof status === "string" ? status : "-", 9);
  const key = text.trim();
  if (TERMINAL_OK.has(key)) return c.green(text);
  if (TERMINAL_BAD.has(key)) return c.red(text);
  return key === "running" ? c.cyan(text) : c.dim(text);
}

function jobLine(row: WatchedRow, c: Colours): string {
  const size = typeof row.size === "number" && row.size > 0 ? humanSize(row.size) : "-";
  const live = row.status === "running";
  return [
    cell(label(row), 24),
    statusCell(row.status, c),
    progressBar(row.progress),
    cell(live ? speedText(row) : "-", 11),
    cell(live ? etaText(row) : "-", 8),
    size,
  ].join("  ");
}

function otherLine(row: WatchedRow, c: Colours): string {
  const modified = row.modified instanceof Date ? row.modified.toISOString().replace("T", " ").slice(0, 19) : "";
  return [cell(label(row), 32), statusCell(row.status, c), modified].join("  ");
}

/** The lines of one frame: header, at most `maxRows` rows (then `… and N more`), footer. */
export function watchFrame(rows: readonly WatchedRow[], jobs: boolean, footer: FooterInfo, c: Colours, maxRows: number): string[] {
  const header = jobs
    ? [cell("NAME", 24), cell("STATUS", 9), cell("PROGRESS", BAR + 7), cell("SPEED", 11), cell("ETA", 8), "SIZE"].join("  ")
    : [cell("NAME", 32), cell("STATUS", 9), "MODIFIED"].join("  ");
  const room = Math.max(1, maxRows);
  const shown = rows.length > room ? rows.slice(0, room - 1) : rows;
  const lines = [c.bold(header), ...shown.map((row) => (jobs ? jobLine(row, c) : otherLine(row, c)))];
  if (shown.length < rows.length) lines.push(c.dim(`… and ${rows.length - shown.length} more`));
  if (rows.length === 0) lines.push(c.dim("(nothing matches yet)"));
  const at = footer.updated ? footer.updated.toTimeString().slice(0, 8) : "-";
  const state = footer.problem ? c.yellow(`retrying: ${footer.problem}`) : `updated ${at}`;
  const count = footer.matching === undefined ? "" : `${footer.matching} matching `;
  lines.push(c.dim(`${count}"${footer.query}" · ${state} · Ctrl-C to stop`));
  return lines;
}
