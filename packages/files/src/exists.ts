/** `exists`: whether a file or directory exists. */
import type { CallOptions, Session } from "@accsyn/core";
import { assertAccsynPath, type AccsynPath, type AccsynPathList, type PathResult } from "./path.js";
import { fileOperation } from "./request.js";

/** Checks several paths in one call: one `{ path, result }` per path. */
export async function exists(session: Session, path: AccsynPathList, options?: CallOptions): Promise<PathResult<boolean>[]>;
/** True when the file or directory exists. */
export async function exists(session: Session, path: AccsynPath, options?: CallOptions): Promise<boolean>;
/** Checks one path or several. */
export async function exists(
  session: Session,
  path: AccsynPath | AccsynPathList,
  options?: CallOptions,
): Promise<boolean | PathResult<boolean>[]>;
export async function exists(
  session: Session,
  path: AccsynPath | AccsynPathList,
  options: CallOptions = {},
): Promise<boolean | PathResult<boolean>[]> {
  assertAccsynPath(path);
  return (await fileOperation(session, "GET", { op: "exists", path }, options)) as boolean | PathResult<boolean>[];
}
