/**
 * Figures of the reliability suites for `pnpm test:reliability` (scripts/reliability.mjs). When
 * `ACCSYN_RELIABILITY_REPORT` names a directory, each suite writes `<dir>/<suite>.json`; otherwise nothing is written.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Figures of one suite: names to numbers. */
export type Figures = Record<string, number>;

/** Writes (replaces) the figures of `suite` when the report directory is set. */
export function reportFigures(suite: string, figures: Figures): void {
  const dir = process.env.ACCSYN_RELIABILITY_REPORT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${suite}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}
