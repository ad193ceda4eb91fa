/** `getSize` (alias `getsize`): the size of a file or directory. */
import type { CallOptions, Session } from "@accsyn/core";
import { addFilters, type FilterOptions } from "./filters.js";
import { assertAccsynPath, type AccsynPath, type AccsynPathList, type PathResult } from "./path.js";
import { fileOperation } from "./request.js";

/** The answer to `getSize` of one path: the size in bytes (doc/file.rst, "Get size on disk"). */
export type SizeResult = number;

/** Options of `getSize`. */
export interface GetSizeOptions extends FilterOptions, CallOptions {}

/** Sizes several paths in one call: one `{ path, result }` per path. */
export async function getSize(session: Session, path: AccsynPathList, options?: GetSizeOptions): Promise<PathResult<SizeResult>[]>;
/** The size of a file or directory, optionally filtered: `getSize(session, "share=vfx/shots", { include: "*.mov" })`. */
export async function getSize(session: Session, path: AccsynPath, options?: GetSizeOptions): Promise<SizeResult>;
/** Sizes one path or several. */
export async function getSize(
  session: Session,
  path: AccsynPath | AccsynPathList,
  options?: GetSizeOptions,
): Promise<SizeResult | PathResult<SizeResult>[]>;
export async function getSize(
  session: Session,
  path: AccsynPath | AccsynPathList,
  options: GetSizeOptions = {},
): Promise<SizeResult | PathResult<SizeResult>[]> {
  assertAccsynPath(path);
  const data: Record<string, unknown> = { op: "getsize", path };
  addFilters(data, options);
  return (await fileOperation(session, "GET", data, options)) as SizeResult | PathResult<SizeResult>[];
}

/** Python's name for {@link getSize}. */
export const getsize = getSize;
