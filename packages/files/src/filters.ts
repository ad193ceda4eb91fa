/** The `include`/`exclude` filters of `ls` and `getSize`, and their check. */
import { AccsynValidationError, describe } from "@accsyn/core";
import { isSet } from "./path.js";

/**
 * A filter expression or a list of them (case-insensitive): `word` exact, `*word` ends with,
 * `word*` starts with, `*word*` contains, `start*end`, `re('…')` a regular expression
 * (`re('…', 'I')` case-sensitive). `include` wins over `exclude`.
 */
export type FileFilter = string | readonly string[];

/** The filters both `ls` and `getSize` take. */
export interface FilterOptions {
  /** Only entries matching this filter (wins over `exclude`). */
  include?: FileFilter;
  /** Leave out entries matching this filter. */
  exclude?: FileFilter;
}

function assertFilter(value: unknown, name: string): void {
  if (value === undefined || value === null || typeof value === "string") return;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return;
  throw new AccsynValidationError(
    `Invalid ${name} filter supplied, must be a string or a list of strings; got ${describe(value)}.`,
  );
}

/** Checks the filters and adds the ones that are set to `data`, `include` first. */
export function addFilters(data: Record<string, unknown>, options: FilterOptions): void {
  assertFilter(options.include, "include");
  assertFilter(options.exclude, "exclude");
  if (isSet(options.include)) data.include = options.include;
  if (isSet(options.exclude)) data.exclude = options.exclude;
}
