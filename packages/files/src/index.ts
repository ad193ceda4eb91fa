/**
 * `@accsyn/files`: file operations on accsyn shares (ls, getSize, exists, mkdir, rename, mv,
 * delete) as a plugin for `@accsyn/core`, plus the same operations as standalone functions.
 *
 * ```ts
 * import { Session } from "@accsyn/core";
 * import { files } from "@accsyn/files";
 * const FileSession = Session.plugin(files);
 * const session = await FileSession.connect();
 * await session.ls("share=projects/shots");
 * ```
 */
import type { CallOptions, Session } from "@accsyn/core";
import { deletePath, type DeleteOptions } from "./delete.js";
import { exists } from "./exists.js";
import { ls, type LsOptions, type LsResult } from "./ls.js";
import { mkdir } from "./mkdir.js";
import type { AccsynPath, AccsynPathList, PathResult } from "./path.js";
import { mv, rename } from "./rename.js";
import { getSize, type GetSizeOptions, type SizeResult } from "./size.js";

export { ls, type LsOptions, type LsResult } from "./ls.js";
export { getSize, getsize, type GetSizeOptions, type SizeResult } from "./size.js";
export { exists } from "./exists.js";
export { mkdir } from "./mkdir.js";
export { rename, mv } from "./rename.js";
export { deletePath, deletePath as delete, type DeleteOptions } from "./delete.js";
export type { FileFilter, FilterOptions } from "./filters.js";
export { isDirectory, isFile, walkFiles, totalFileSize, type WalkedEntry } from "./entries.js";
export type { FileEntry } from "@accsyn/core";
export { assertAccsynPath, type AccsynPath, type AccsynPathList, type AccsynPathObject, type PathResult } from "./path.js";

/** An operation that answers `T` for one path and a list of `{ path, result }` for a list of paths. */
export interface PathOperation<T, O> {
  (path: AccsynPathList, options?: O): Promise<PathResult<T>[]>;
  (path: AccsynPath, options?: O): Promise<T>;
  (path: AccsynPath | AccsynPathList, options?: O): Promise<T | PathResult<T>[]>;
}

/** An operation from one path to another (`rename`, `mv`). */
export interface TwoPathOperation {
  (path: AccsynPathList, to: AccsynPathList, options?: CallOptions): Promise<PathResult<boolean>[]>;
  (path: AccsynPath, to: AccsynPath, options?: CallOptions): Promise<boolean>;
  (path: AccsynPath | AccsynPathList, to: AccsynPath | AccsynPathList, options?: CallOptions): Promise<boolean | PathResult<boolean>[]>;
}

/** The methods the `files` plugin adds to a session. */
export type FilesMethods = {
  /** Lists a directory: the entries `{ type, filename, size?, modified, files? }`; a list of paths answers `{ path, result }` each. */
  ls: PathOperation<LsResult, LsOptions>;
  /** The size in bytes of a file or directory, optionally filtered; a list of paths answers `{ path, result }` each. */
  getSize: PathOperation<SizeResult, GetSizeOptions>;
  /** Python's name for {@link FilesMethods.getSize}. */
  getsize: PathOperation<SizeResult, GetSizeOptions>;
  /** True when the file or directory exists. */
  exists: PathOperation<boolean, CallOptions>;
  /** Creates a directory. */
  mkdir: PathOperation<boolean, CallOptions>;
  /** Renames within the same directory: `rename(path, pathTo)`. */
  rename: TwoPathOperation;
  /** Moves: `mv(src, dst)`. */
  mv: TwoPathOperation;
  /** Deletes a file or directory; a non-empty directory only with `{ force: true }`. */
  delete: PathOperation<boolean, DeleteOptions>;
};

/** The file method group: `Session.plugin(files)` gives sessions `ls`, `getSize`, `exists`, `mkdir`, `rename`, `mv` and `delete`. */
export function files(session: Session): FilesMethods {
  const size = ((path: AccsynPath, options?: GetSizeOptions) => getSize(session, path, options)) as FilesMethods["getSize"];
  return {
    ls: ((path: AccsynPath, options?: LsOptions) => ls(session, path, options)) as FilesMethods["ls"],
    getSize: size,
    getsize: size,
    exists: ((path: AccsynPath, options?: CallOptions) => exists(session, path, options)) as FilesMethods["exists"],
    mkdir: ((path: AccsynPath, options?: CallOptions) => mkdir(session, path, options)) as FilesMethods["mkdir"],
    rename: ((path: AccsynPath, to: AccsynPath, options?: CallOptions) => rename(session, path, to, options)) as TwoPathOperation,
    mv: ((src: AccsynPath, dst: AccsynPath, options?: CallOptions) => mv(session, src, dst, options)) as TwoPathOperation,
    delete: ((path: AccsynPath, options?: DeleteOptions) => deletePath(session, path, options)) as FilesMethods["delete"],
  };
}
