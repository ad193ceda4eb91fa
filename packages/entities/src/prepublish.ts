/**
 * `prepublish`: lets the backend check a publish before it is made, with directory sizes summed.
 */
import { AccsynValidationError, isPlainObject, type CallOptions, type Session } from "@accsyn/core";
import { requestOptions, resultOf } from "./shared.js";

/** A file or directory of a publish; directories list their content under `files`. */
export interface PublishEntry {
  filename: string;
  is_dir?: boolean;
  /** Bytes; summed from `files` for a directory that has none. */
  size?: number;
  files?: PublishEntry[];
  [key: string]: unknown;
}

/** What the backend answers: the checked entries and guidelines. */
export type PrepublishResult = Record<string, unknown>;

/** A copy of the entries with every missing directory size filled in, and their total size. */
function withSizes(entries: readonly PublishEntry[]): { files: PublishEntry[]; size: number } {
  let total = 0;
  const files = entries.map((entry) => {
    if (!isPlainObject(entry)) return entry;
    const copy: PublishEntry = { ...entry };
    if (Array.isArray(entry.files)) copy.files = withSizes(entry.files).files;
    if (copy.is_dir && typeof copy.size !== "number") copy.size = Array.isArray(copy.files) ? withSizes(copy.files).size : 0;
    total += typeof copy.size === "number" ? copy.size : 0;
    return copy;
  });
  return { files, size: total };
}

/**
 * Pre-processes a publish: `PUT workspace/publish/preprocess` with `{ files, size }`, sizes of
 * directories summed from their `files`. The caller's entries are not modified.
 */
export async function prepublish(session: Session, entries: readonly PublishEntry[], options: CallOptions = {}): Promise<PrepublishResult> {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new AccsynValidationError("Missing (null/undefined) or empty data supplied! Pass the list of files and directories to publish.");
  }
  const data = withSizes(entries);
  return resultOf(await session.request("PUT", "workspace/publish/preprocess", { data }, requestOptions(options)));
}
