import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** A file or directory under the data directory, as a snapshot keeps it (`path` is relative, `/`-separated). */
export interface SnapshotFile {
  path: string;
  /** The content in base64; absent for a directory. */
  base64?: string;
  /** Modification time (ms since epoch): listings answer it. */
  mtimeMs: number;
}

/** The SQLite files of a persistent data directory: never part of a file snapshot. */
const isDatabase = (name: string): boolean => name.startsWith("emulator.sqlite");

/** Every file and directory under `dir` (volumes, client sandboxes, sites, deliveries), parents first. */
export function readFiles(dir: string): SnapshotFile[] {
  const out: SnapshotFile[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (at === dir && isDatabase(entry.name)) continue;
      const abs = join(at, entry.name);
      const path = relative(dir, abs).split(sep).join("/");
      const { mtimeMs } = statSync(abs);
      if (entry.isDirectory()) {
        out.push({ path, mtimeMs });
        walk(abs);
      } else if (entry.isFile()) out.push({ path, base64: readFileSync(abs).toString("base64"), mtimeMs });
    }
  };
  walk(dir);
  return out;
}

/** Empties `dir` (but its database files) and writes `files` into it, with their modification times. */
export function writeFiles(dir: string, files: readonly SnapshotFile[]): void {
  for (const name of readdirSync(dir)) if (!isDatabase(name)) rmSync(join(dir, name), { recursive: true, force: true });
  const written: Array<[string, number]> = [];
  for (const f of files) {
    const parts = f.path.split("/").filter((p) => p && p !== "." && p !== "..");
    if (parts.length === 0) continue;
    const abs = join(dir, ...parts);
    if (f.base64 === undefined) mkdirSync(abs, { recursive: true });
    else {
      mkdirSync(join(dir, ...parts.slice(0, -1)), { recursive: true });
      writeFileSync(abs, Buffer.from(f.base64, "base64"));
    }
    written.push([abs, f.mtimeMs]);
  }
  // Children first, so writing a file does not touch its directory's time again.
  for (const [abs, mtimeMs] of written.reverse()) if (Number.isFinite(mtimeMs)) utimesSync(abs, new Date(mtimeMs), new Date(mtimeMs));
}
