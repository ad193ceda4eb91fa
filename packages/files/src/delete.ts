/** `delete`: removes a file or directory on a share. */
import { givenOr, type CallOptions, type Session } from "@accsyn/core";
import { assertAccsynPath, type AccsynPath, type AccsynPathList, type PathResult } from "./path.js";
import { fileOperation } from "./request.js";

/** Options of `delete`. */
export interface DeleteOptions extends CallOptions {
  /** Also remove a non-empty directory (default false; `null` is sent as `null`). */
  force?: boolean | null;
}

/** Deletes several entries in one call. */
export async function deletePath(session: Session, path: AccsynPathList, options?: DeleteOptions): Promise<PathResult<boolean>[]>;
/**
 * Deletes a file or directory; a non-empty directory only with `force`. Exported as `deletePath`
 * because `delete` is a reserved word; sessions have it as `session.delete(path)`.
 */
export async function deletePath(session: Session, path: AccsynPath, options?: DeleteOptions): Promise<boolean>;
/** Deletes one entry or several. */
export async function deletePath(
  session: Session,
  path: AccsynPath | AccsynPathList,
  options?: DeleteOptions,
): Promise<boolean | PathResult<boolean>[]>;
export async function deletePath(
  session: Session,
  path: AccsynPath | AccsynPathList,
  options: DeleteOptions = {},
): Promise<boolean | PathResult<boolean>[]> {
  assertAccsynPath(path);
  const data = { op: "delete", path, force: givenOr(options.force, false) };
  return (await fileOperation(session, "POST", data, options)) as boolean | PathResult<boolean>[];
}
