import { fail, isObject } from "../util.js";
import { type Ctx, dataObject } from "../context.js";

/**
 * `workspace/publish/preprocess`: the emulator's built-in pre-publish hook. On the service, the validation is a
 * script the workspace configures (accsyn docs, developer/publish.md: it checks "if any required files are
 * missing, if file sets are incomplete, … file sizes do not add up" before anything is uploaded); the files are
 * still on the publisher's computer, so it looks at the list, not at a disk. The emulator's hook answers like the
 * recorded one (vector `prepublish__nested_sizes`, doc/publish.rst): a directory with files is a task and can be
 * published to `volume=<default volume>/staging/<name>`; a directory without any file, or whose `size` is not the
 * sum of its files, is rejected with a warning; a lone file can be uploaded but not published. An entry that is
 * not a publish entry at all (no `filename`, a `size` that is not a number, `files` that is not a list) is refused
 * with a 400 naming it.
 */

/** A checked entry: sizes as given, or summed from the files. */
interface Checked {
  entry: Record<string, unknown>;
  /** Bytes of the files inside (a directory) or the entry's own size (a file). */
  bytes: number;
  /** Number of files inside, recursively (1 for a file). */
  count: number;
}

function check(entry: unknown, where: string): Checked {
  if (!isObject(entry)) return fail.bad(`Publish entry ${where} must be an object with a 'filename', not ${JSON.stringify(entry)}`);
  const { filename, size, files, is_dir: isDir, id } = entry;
  if (typeof filename !== "string" || filename.trim() === "" || /[\\/]/.test(filename))
    fail.bad(`Publish entry ${where} needs a 'filename' (a name, without '/' or '\\'), not ${filename === undefined ? "none" : JSON.stringify(filename)}`);
  if (id !== undefined && typeof id !== "string") fail.bad(`Publish entry ${where} ('${String(filename)}'): 'id' must be a string (a uuid4)`);
  if (size !== undefined && (typeof size !== "number" || !Number.isFinite(size) || size < 0))
    fail.bad(`Publish entry ${where} ('${String(filename)}'): 'size' must be a number of bytes, not ${JSON.stringify(size)}`);
  if (isDir !== undefined && typeof isDir !== "boolean") fail.bad(`Publish entry ${where} ('${String(filename)}'): 'is_dir' must be true or false`);
  if (files !== undefined && !Array.isArray(files)) fail.bad(`Publish entry ${where} ('${String(filename)}'): 'files' must be a list of entries`);
  // A file, or a directory described by its size alone (no `files`): its size stands for its content.
  if (isDir !== true || (files === undefined && typeof size === "number" && size > 0)) return { entry, bytes: typeof size === "number" ? size : 0, count: 1 };
  const inside = ((files as unknown[] | undefined) ?? []).map((f, i) => check(f, `${where}.files[${i}]`));
  return { entry, bytes: inside.reduce((s, c) => s + c.bytes, 0), count: inside.reduce((s, c) => s + c.count, 0) };
}

/** The hook's verdict on one top-level entry. */
function verdict(c: Checked, staging: string): Record<string, unknown> {
  const { entry } = c;
  const isDir = entry.is_dir === true;
  const size = typeof entry.size === "number" ? entry.size : c.bytes;
  const out: Record<string, unknown> = { ...entry, is_dir: isDir, size };
  const name = String(entry.filename);
  if (!isDir) return { ...out, warning: "Will be uploaded but not published", can_upload: true, path: `${staging}/${name}` };
  if (c.count === 0) return { ...out, rejected: true, warning: "Empty directory" };
  if (size !== c.bytes) return { ...out, rejected: true, warning: `File sizes do not add up: the directory says ${size} bytes, its files ${c.bytes}` };
  const ident = typeof entry.id === "string" ? entry.id.replace(/-/g, "").slice(0, 8) : name;
  return { ...out, ident, can_publish: true, path: `${staging}/${name}`, info: "Verified publish, please enter comment and time report" };
}

/** `workspace/publish/preprocess`: checks the entries of a publish and answers the hook's verdict on each. */
export function prepublish(ctx: Ctx): unknown {
  const d = dataObject(ctx);
  if (!Array.isArray(d.files) || d.files.length === 0) return fail.bad("'files' must be a non-empty list of publish entries");
  const checked = d.files.map((f: unknown, i: number) => check(f, `files[${i}]`));
  const volume = [...ctx.store.all("volume")].find((v) => v.default) ?? fail.bad("Publishing needs a default volume: the workspace has none");
  const files = checked.map((c) => verdict(c, `volume=${String(volume.code)}/staging`));
  return {
    result: {
      files, time_report: true, comment: true, guidelines: "Publish one folder per task.",
      statuses: [{ code: "pending_review", name: "Pending review", default: true }],
      tasks: files.filter((f) => f.can_publish === true).map((f) => f.filename),
    },
  };
}
