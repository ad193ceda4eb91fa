/**
 * Helpers over `ls` answers: the value `ls` resolves is the backend's list of entries; these make
 * it pleasant to read without changing it.
 */
import type { FileEntry } from "@accsyn/core";

/** True for a directory entry (`type` 0), false for a file (`type` 1). */
export function isDirectory(entry: Pick<FileEntry, "type">): boolean {
  return entry.type === 0;
}

/** True for a file entry (`type` 1). */
export function isFile(entry: Pick<FileEntry, "type">): boolean {
  return entry.type === 1;
}

/** One entry met by {@link walkFiles}, with its path relative to the listed directory. */
export interface WalkedEntry {
  /** `a/b/c.mov`: the filenames from the listed directory down to this entry, joined by `/`. */
  path: string;
  /** How deep it is: 0 for an entry of the listed directory itself. */
  depth: number;
  /** The entry as the backend sent it (a directory keeps its `files`). */
  entry: FileEntry;
}

/**
 * Walks a (recursive) `ls` answer depth-first, parents before their children, yielding every
 * entry with its relative path: `for (const { path, entry } of walkFiles(await session.ls(p, { recursive: true })))`.
 * `prefix` is put in front of every path (e.g. the listed directory).
 */
export function* walkFiles(entries: readonly FileEntry[], prefix = ""): Generator<WalkedEntry, void, undefined> {
  const stack: Array<{ entries: readonly FileEntry[]; index: number; base: string }> = [{ entries, index: 0, base: prefix }];
  while (stack.length > 0) {
    const level = stack[stack.length - 1] as (typeof stack)[number];
    if (level.index >= level.entries.length) {
      stack.pop();
      continue;
    }
    const entry = level.entries[level.index++] as FileEntry;
    const path = level.base === "" ? entry.filename : `${level.base.replace(/\/+$/, "")}/${entry.filename}`;
    yield { path, depth: stack.length - 1, entry };
    if (Array.isArray(entry.files) && entry.files.length > 0) stack.push({ entries: entry.files, index: 0, base: path });
  }
}

/** The total of the `size` of the files (not directories) in a (recursive) `ls` answer, in bytes. */
export function totalFileSize(entries: readonly FileEntry[]): number {
  let total = 0;
  for (const { entry } of walkFiles(entries)) if (isFile(entry) && typeof entry.size === "number") total += entry.size;
  return total;
}
