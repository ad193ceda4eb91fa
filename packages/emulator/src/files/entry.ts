import type { Stats } from "node:fs";
import { wireDate } from "../util.js";

/**
 * An entry of an `ls` answer (reference doc/file.rst, List files on storage): `type` 0 = directory,
 * 1 = file; `size` on files, on directories only when asked with `getsize`; a recursive listing nests
 * a directory's entries in `files`.
 */
export interface FileEntry {
  type: 0 | 1;
  filename: string;
  size?: number;
  modified: string;
  files?: FileEntry[];
}

/** The `ls` entry of a directory (`size` given only with `getsize`). */
export function directoryEntry(filename: string, stats: Stats, size?: number): FileEntry {
  return size === undefined ? { type: 0, filename, modified: wireDate(stats.mtime) } : { type: 0, filename, size, modified: wireDate(stats.mtime) };
}

/** The `ls` entry of a file. */
export function fileEntry(filename: string, size: number, modified: string): FileEntry {
  return { type: 1, filename, size, modified };
}

/** The answer for each path of a list of paths: `[{path, result}]`, in order (doc/file.rst, Multiple file operations). */
export interface PathResult {
  path: unknown;
  result?: unknown;
  message?: string;
}
