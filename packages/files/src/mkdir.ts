/** `mkdir`: creates a directory on a share. */
import type { CallOptions, Session } from "@accsyn/core";
import { assertAccsynPath, type AccsynPath, type AccsynPathList, type PathResult } from "./path.js";
import { fileOperation } from "./request.js";

/** Creates several directories in one call: one `{ path, result }` per path. */
export async function mkdir(session: Session, path: AccsynPathList, options?: CallOptions): Promise<PathResult<boolean>[]>;
/** Creates a directory; the backend refuses when the parent is missing or it already exists. */
export async function mkdir(session: Session, path: AccsynPath, options?: CallOptions): Promise<boolean>;
/** Creates one directory or several. */
export async function mkdir(
  session: Session,
  path: AccsynPath | AccsynPathList,
  options?: CallOptions,
): Promise<boolean | PathResult<boolean>[]>;
export async function mkdir(
  session: Session,
  path: AccsynPath | AccsynPathList,
  options: CallOptions = {},
): Promise<boolean | PathResult<boolean>[]> {
  assertAccsynPath(path);
  return (await fileOperation(session, "POST", { op: "mkdir", path }, options)) as boolean | PathResult<boolean>[];
}
