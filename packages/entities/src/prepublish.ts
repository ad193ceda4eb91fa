/**
 * `prepublish`: lets the backend check a publish before it is made, with missing sizes filled in.
 */
import { AccsynValidationError, isPlainObject, type CallOptions, type Session, type Uuid } from "@accsyn/core";
import { requestOptions, resultOf } from "./shared.js";

/** A file or directory of a publish; directories list their content under `files`. */
export interface PublishEntry {
  /** A uuid the caller picks to find the entry in the answer. */
  id?: Uuid;
  filename: string;
  is_dir?: boolean;
  /** Bytes. Left out: 0 for a file, the sum of `files` for a directory. Given: kept as it is. */
  size?: number;
  files?: PublishEntry[];
  [key: string]: unknown;
}

/** One entry of the answer: the entry echoed, with what the publish hook decided (doc/publish.rst). */
export interface PrepublishEntry {
  id?: Uuid;
  filename: string;
  size: number;
  is_dir?: boolean;
  files?: PrepublishEntry[];
  /** An identifier the hook recognised (e.g. a task code). */
  ident?: string;
  can_publish?: boolean;
  can_upload?: boolean;
  rejected?: boolean;
  warning?: string;
  info?: string;
  /** Where the entry will go, e.g. `"volume=projects/staging/plates"`. */
  path?: string;
  comment_label?: string;
  [key: string]: unknown;
}

/** What the backend answers to `prepublish`: the checked entries and the publish's guidelines. */
export interface PrepublishResult {
  files: PrepublishEntry[];
  guidelines?: string;
  /** Whether a comment is asked for. */
  comment?: boolean;
  /** Whether a time report is asked for. */
  time_report?: boolean;
  /** Statuses the publisher may choose from (`default` marks the preselected one). */
  statuses?: Array<{ [key: string]: unknown; default?: boolean }>;
  tasks?: string[];
  [key: string]: unknown;
}

/**
 * A copy of the entries with every missing size filled in as the reference does, and their total:
 * an entry without `size` gets 0, or, for a directory (`is_dir: true`) with `files`, the sum of
 * its files (filled in the same way). An entry that has a `size`, directory or not, keeps it and
 * its `files` are left as they are.
 */
function withSizes(entries: readonly PublishEntry[]): { files: PublishEntry[]; size: number } {
  let total = 0;
  const files = entries.map((entry) => {
    if (!isPlainObject(entry)) {
      throw new AccsynValidationError("Invalid publish entry supplied, must be a dict! Give each file as { filename, size?, is_dir?, files? }.");
    }
    const copy: PublishEntry = { ...entry };
    if (!("size" in copy) || copy.size === undefined) {
      if (copy.is_dir === true && Array.isArray(copy.files)) {
        const below = withSizes(copy.files);
        copy.files = below.files;
        copy.size = below.size;
      } else copy.size = 0;
    }
    if (typeof copy.size !== "number") {
      throw new AccsynValidationError(`Invalid size supplied for "${String(copy.filename)}", must be a number of bytes.`);
    }
    total += copy.size;
    return copy;
  });
  return { files, size: total };
}

/**
 * Pre-processes a publish: `PUT workspace/publish/preprocess` with `{ files, size }`, missing
 * sizes filled in. The caller's entries are not modified.
 */
export async function prepublish(session: Session, entries: readonly PublishEntry[], options: CallOptions = {}): Promise<PrepublishResult> {
  if (!Array.isArray(entries)) {
    throw new AccsynValidationError("None or empty data supplied! Pass the list of files and directories to publish.");
  }
  const data = withSizes(entries);
  return resultOf(await session.request("PUT", "workspace/publish/preprocess", { data }, requestOptions(options)));
}
