import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, type Stats } from "node:fs";
import { dirname } from "node:path";
import type { Ctx } from "../context.js";
import { fail, wireDate } from "../util.js";
import { type NameFilter, nameFilter } from "./filters.js";
import { type Resolved, resolvePath } from "./paths.js";
import { permFor } from "./perm.js";
import { directoryEntry, type FileEntry, fileEntry } from "./entry.js";


/** Options of `ls`. */
export interface LsOptions {
  recursive: boolean;
  maxdepth?: number;
  getsize: boolean;
  filesOnly: boolean;
  directoriesOnly: boolean;
  filter: NameFilter;
}

function stat(r: Resolved): Stats | undefined {
  try {
    return lstatSync(r.abs);
  } catch {
    return undefined;
  }
}

function must(r: Resolved): Stats {
  return stat(r) ?? fail.notFound(`Path '${r.given}' does not exist`);
}

function dirSize(abs: string, filter: NameFilter): { size: number; files: number } {
  let size = 0;
  let files = 0;
  for (const d of readdirSync(abs, { withFileTypes: true })) {
    const p = `${abs}/${d.name}`;
    if (d.isDirectory()) {
      const s = dirSize(p, filter);
      size += s.size;
      files += s.files;
    } else if (d.isFile() && filter(d.name)) {
      size += statSync(p).size;
      files++;
    }
  }
  return { size, files };
}

function listDir(abs: string, rel: string, depth: number, o: LsOptions, show: (rel: string, name: string) => boolean): FileEntry[] {
  const out: FileEntry[] = [];
  const entries = readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const d of entries) {
    if (!show(rel, d.name) || d.isSymbolicLink()) continue;
    const p = `${abs}/${d.name}`;
    const s = statSync(p);
    const childRel = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) {
      const e = directoryEntry(d.name, s, o.getsize ? dirSize(p, o.filter).size : undefined);
      if (o.recursive && (o.maxdepth === undefined || depth < o.maxdepth)) e.files = listDir(p, childRel, depth + 1, o, show);
      if (!o.filesOnly) out.push(e);
      else if (e.files) out.push(...e.files);
    } else if (d.isFile() && !o.directoriesOnly && o.filter(d.name)) {
      out.push(fileEntry(d.name, s.size, wireDate(s.mtime)));
    }
  }
  return out;
}

/** `ls`: the entries of a directory (or of a collection's files), a list of {@link FileEntry}. */
export function ls(ctx: Ctx, path: unknown, o: LsOptions): FileEntry[] {
  const r = resolvePath(ctx, path);
  if (r.root === undefined) {
    const files = [...ctx.store.all("file")].filter((f) => f.parent === r.share.id && o.filter(String(f.path)));
    return files.map((f) => fileEntry(String(f.path), 0, String(f.created)));
  }
  const perm = permFor(ctx, r);
  if (!perm.list(r.rel)) return fail.forbidden(`Permission denied: cannot list '${r.given}'`);
  const s = must(r);
  if (!s.isDirectory()) return [fileEntry(r.rel.split("/").pop() ?? "", s.size, wireDate(s.mtime))];
  return listDir(r.abs, r.rel, 1, o, (rel, name) => perm.showChild(rel, name));
}

/** `getsize`: the total bytes under a path, a number (doc/file.rst, Get size on disk). */
export function getsize(ctx: Ctx, path: unknown, filter: NameFilter): number {
  const r = resolvePath(ctx, path);
  if (r.root === undefined) return 0;
  if (!permFor(ctx, r).read(r.rel)) return fail.forbidden(`Permission denied: cannot read '${r.given}'`);
  const s = must(r);
  return s.isDirectory() ? dirSize(r.abs, filter).size : s.size;
}

/** `exists`: true when the path exists and the caller may see it. */
export function exists(ctx: Ctx, path: unknown): boolean {
  const r = resolvePath(ctx, path);
  if (r.root === undefined) return true;
  const perm = permFor(ctx, r);
  if (!perm.list(r.rel) && !perm.write(r.rel)) return false;
  return stat(r) !== undefined;
}

function writable(ctx: Ctx, r: Resolved): void {
  if (r.root === undefined) fail.bad(`'${r.given}' is a collection: files cannot be written into it`);
  if (!permFor(ctx, r).write(r.rel)) fail.forbidden(`Permission denied: cannot write '${r.given}'`);
}

/** `mkdir`: the parent must exist, the directory must not. */
export function mkdir(ctx: Ctx, path: unknown): boolean {
  const r = resolvePath(ctx, path);
  writable(ctx, r);
  if (r.rel === "") return fail.conflict(`Directory '${r.given}' already exists`);
  if (stat(r)) return fail.conflict(`Directory '${r.given}' already exists`);
  let parent: Stats | undefined;
  try {
    parent = statSync(dirname(r.abs));
  } catch {
    parent = undefined;
  }
  if (!parent?.isDirectory()) return fail.notFound(`Parent directory of '${r.given}' does not exist`);
  mkdirSync(r.abs);
  return true;
}

/** `delete`: refuses a non-empty directory unless `force`. */
export function remove(ctx: Ctx, path: unknown, force: boolean): boolean {
  const r = resolvePath(ctx, path);
  writable(ctx, r);
  if (r.rel === "") return fail.forbidden(`Cannot delete the root of share '${r.given}'`);
  const s = must(r);
  if (s.isDirectory() && !force && readdirSync(r.abs).length > 0) return fail.bad(`Cannot delete non-empty directory '${r.given}'!`);
  rmSync(r.abs, { recursive: true, force: true });
  return true;
}

/** `rename` (same directory) and `move`. */
export function move(ctx: Ctx, path: unknown, to: unknown, sameDir: boolean): boolean {
  const from = resolvePath(ctx, path);
  const target = resolvePath(ctx, to);
  writable(ctx, from);
  writable(ctx, target);
  if (from.rel === "") return fail.forbidden("Cannot move the root of a share");
  must(from);
  if (sameDir && (from.share.id !== target.share.id || dirname(from.abs) !== dirname(target.abs)))
    return fail.bad("rename stays in the same directory; use move ('mv') to move elsewhere");
  if (stat(target)) return fail.conflict(`'${target.given}' already exists`);
  try {
    renameSync(from.abs, target.abs);
  } catch (err) {
    return fail.bad(`Cannot move '${from.given}' to '${target.given}': ${(err as NodeJS.ErrnoException).code ?? "error"}`);
  }
  return true;
}

export { nameFilter };
