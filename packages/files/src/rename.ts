/** `rename` (within a directory) and `mv` (anywhere on the workspace). */
import type { CallOptions, Session } from "@accsyn/core";
import { assertAccsynPath, type AccsynPath, type AccsynPathList, type PathResult } from "./path.js";
import { fileOperation } from "./request.js";

async function relocate(
  session: Session,
  op: "rename" | "move",
  path: unknown,
  pathTo: unknown,
  options: CallOptions,
): Promise<boolean | PathResult<boolean>[]> {
  assertAccsynPath(path, op === "rename" ? "path" : "source path");
  assertAccsynPath(pathTo, op === "rename" ? "new path (pathTo)" : "destination path");
  return (await fileOperation(session, "PUT", { op, path, path_to: pathTo }, options)) as boolean | PathResult<boolean>[];
}

/** Renames several entries in one call. */
export async function rename(session: Session, path: AccsynPathList, pathTo: AccsynPathList, options?: CallOptions): Promise<PathResult<boolean>[]>;
/** Renames a file or directory; `pathTo` must be in the same directory. */
export async function rename(session: Session, path: AccsynPath, pathTo: AccsynPath, options?: CallOptions): Promise<boolean>;
/** Renames one entry or several. */
export async function rename(
  session: Session,
  path: AccsynPath | AccsynPathList,
  pathTo: AccsynPath | AccsynPathList,
  options?: CallOptions,
): Promise<boolean | PathResult<boolean>[]>;
export async function rename(
  session: Session,
  path: AccsynPath | AccsynPathList,
  pathTo: AccsynPath | AccsynPathList,
  options: CallOptions = {},
): Promise<boolean | PathResult<boolean>[]> {
  return relocate(session, "rename", path, pathTo, options);
}

/** Moves several entries in one call. */
export async function mv(session: Session, src: AccsynPathList, dst: AccsynPathList, options?: CallOptions): Promise<PathResult<boolean>[]>;
/** Moves a file or directory to `dst`. */
export async function mv(session: Session, src: AccsynPath, dst: AccsynPath, options?: CallOptions): Promise<boolean>;
/** Moves one entry or several. */
export async function mv(
  session: Session,
  src: AccsynPath | AccsynPathList,
  dst: AccsynPath | AccsynPathList,
  options?: CallOptions,
): Promise<boolean | PathResult<boolean>[]>;
export async function mv(
  session: Session,
  src: AccsynPath | AccsynPathList,
  dst: AccsynPath | AccsynPathList,
  options: CallOptions = {},
): Promise<boolean | PathResult<boolean>[]> {
  return relocate(session, "move", src, dst, options);
}
