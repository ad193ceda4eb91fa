/** `ls`: lists a directory on a share. */
import { AccsynValidationError, describe, givenOr, type CallOptions, type FileEntry, type Session } from "@accsyn/core";
import { addFilters, type FilterOptions } from "./filters.js";
import { assertAccsynPath, isSet, type AccsynPath, type AccsynPathList, type PathResult } from "./path.js";
import { fileOperation } from "./request.js";

/** The answer to `ls` of one path: the entries of the listed directory (doc/file.rst). */
export type LsResult = FileEntry[];

/**
 * Options of `ls`. `recursive` and `getSize` are always sent (default `false`; `null` is sent as
 * `null`, as the reference sends `None`); the others only when set (truthy), as given.
 */
export interface LsOptions extends FilterOptions, CallOptions {
  /** List sub-directories too, nested under each directory's `files` (default false). */
  recursive?: boolean | null;
  /** With `recursive`, how deep to descend. */
  maxDepth?: number;
  /** Return sizes, directories included (default false). */
  getSize?: boolean | null;
  /** Only files, no directories. */
  filesOnly?: boolean;
  /** Only directories, no files. */
  directoriesOnly?: boolean;
}

/** Lists several paths in one call: one `{ path, result }` per path. */
export async function ls(session: Session, path: AccsynPathList, options?: LsOptions): Promise<PathResult<LsResult>[]>;
/**
 * Lists a directory on a share: `ls(session, "share=projects/shots", { recursive: true })` resolves
 * the entries `{ type, filename, size?, modified, files? }` (`type` 0 = directory, 1 = file).
 */
export async function ls(session: Session, path: AccsynPath, options?: LsOptions): Promise<LsResult>;
/** Lists one path or several. */
export async function ls(
  session: Session,
  path: AccsynPath | AccsynPathList,
  options?: LsOptions,
): Promise<LsResult | PathResult<LsResult>[]>;
export async function ls(
  session: Session,
  path: AccsynPath | AccsynPathList,
  options: LsOptions = {},
): Promise<LsResult | PathResult<LsResult>[]> {
  assertAccsynPath(path);
  const { maxDepth } = options;
  if (maxDepth !== undefined && maxDepth !== null && !(Number.isInteger(maxDepth) && maxDepth >= 0)) {
    throw new AccsynValidationError(`Invalid maxDepth supplied, must be a whole number >= 0; got ${describe(maxDepth)}.`);
  }
  const data: Record<string, unknown> = {
    op: "ls",
    path,
    download: true,
    recursive: givenOr(options.recursive, false),
    getsize: givenOr(options.getSize, false),
  };
  if (isSet(maxDepth)) data.maxdepth = maxDepth;
  if (isSet(options.directoriesOnly)) data.directories_only = options.directoriesOnly;
  if (isSet(options.filesOnly)) data.files_only = options.filesOnly;
  addFilters(data, options);
  return (await fileOperation(session, "GET", data, options)) as LsResult | PathResult<LsResult>[];
}
