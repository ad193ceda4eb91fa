/** Files on shares: ls, du, exists, mkdir, mv, rename, rm. */
import type { Command } from "@commander-js/extra-typings";
import type { FileEntry } from "@accsyn/api";
import type { ApiSession, Context } from "../context.js";
import { CliError, EXIT, usageError } from "../errors.js";
import { commaList } from "../input.js";
import { parseCount } from "../options.js";
import { humanSize } from "../output/values.js";
import { makeDirectories } from "./parents.js";
import { examples } from "./shared.js";

type LsOptions = NonNullable<Parameters<ApiSession["ls"]>[1]>;

/**
 * The rows `accsyn ls` shows: `type` (dir/file), the name (a path relative to the listed directory
 * for a recursive listing), the size in words (files; directories with --size) and the date.
 */
export async function listingRows(entries: readonly FileEntry[], recursive: boolean): Promise<Record<string, unknown>[]> {
  const { isDirectory, walkFiles } = await import("@accsyn/api");
  const name = recursive ? "path" : "filename";
  return [...walkFiles(entries)].map(({ path, entry }) => ({
    type: isDirectory(entry) ? "dir" : "file",
    [name]: recursive ? path : entry.filename,
    size: typeof entry.size === "number" ? humanSize(entry.size) : undefined,
    modified: entry.modified,
  }));
}

/**
 * `ls -r --files-only`: the files of a recursive listing, each named by its path below the listed
 * directory — rows for people, else the entries themselves with `filename` set to that path.
 */
async function filesWithPaths(entries: readonly FileEntry[], human: boolean): Promise<Record<string, unknown>[]> {
  if (human) return (await listingRows(entries, true)).filter((row) => row.type === "file");
  const { isDirectory, walkFiles } = await import("@accsyn/api");
  return [...walkFiles(entries)].filter(({ entry }) => !isDirectory(entry)).map(({ path, entry }) => ({ ...entry, filename: path }));
}

async function confirm(ctx: Context, question: string): Promise<boolean> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: ctx.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** Registers the file commands. */
export function registerFiles(program: Command, ctx: Context): void {
  const ls = program.command("ls").description("list a directory on a share").argument("<path>", "accsyn path, e.g. share=projects/shots")
    .option("-r, --recursive", "list sub-directories too")
    .option("--maxdepth <n>", "with -r, how deep to descend", parseCount)
    .option("--files-only", "only files")
    .option("--dirs-only", "only directories")
    .option("--size", "include sizes (directories summed)")
    .option("--include <patterns>", "comma-separated filters of what to include", commaList)
    .option("--exclude <patterns>", "comma-separated filters of what to leave out", commaList)
    .action(async (path, flags) => {
      const options: LsOptions = {};
      if (flags.recursive) options.recursive = true;
      if (flags.maxdepth !== undefined) options.maxDepth = flags.maxdepth;
      // With -r, files only are picked here: the backend's files_only flattens sub-directories and
      // drops each file's directory from its name.
      const filesBelow = Boolean(flags.filesOnly && flags.recursive);
      if (flags.filesOnly && !filesBelow) options.filesOnly = true;
      if (flags.dirsOnly) options.directoriesOnly = true;
      if (flags.size) options.getSize = true;
      if (flags.include) options.include = flags.include;
      if (flags.exclude) options.exclude = flags.exclude;
      const listing = await (await ctx.session()).ls(path, options);
      const entries = Array.isArray(listing) ? listing : [];
      if (filesBelow) return ctx.out.result(await filesWithPaths(entries, ctx.out.mode === "human"), { columns: ["type", "path", "size", "modified"] });
      if (ctx.out.mode !== "human") return ctx.out.result(listing);
      const recursive = flags.recursive === true;
      const rows = await listingRows(entries, recursive);
      await ctx.out.result(rows, { columns: ["type", recursive ? "path" : "filename", "size", "modified"] });
    });
  examples(ls, "accsyn ls share=projects/shots", "accsyn ls share=projects -r --maxdepth 2 --size", 'accsyn ls share=projects --include "*.exr" --json');

  const du = program.command("du").alias("getsize").description("the size in bytes of a file or directory (alias getsize)").argument("<path>", "accsyn path")
    .option("--include <patterns>", "comma-separated filters of what to count", commaList)
    .option("--exclude <patterns>", "comma-separated filters of what to leave out", commaList)
    .action(async (path, flags) => {
      const result = await (await ctx.session()).getSize(path, { ...(flags.include ? { include: flags.include } : {}), ...(flags.exclude ? { exclude: flags.exclude } : {}) });
      const message = typeof result === "number" ? `${humanSize(result)}\t${result} bytes\t${path}` : JSON.stringify(result);
      await ctx.out.result(result, { message });
    });
  examples(du, "accsyn du share=projects/shots", "accsyn getsize share=projects/shots --json", 'accsyn du share=projects --include "*.mov" --json');

  const exists = program.command("exists").description("whether a file or directory exists (exit 0 if it does, 5 if not)").argument("<path>", "accsyn path")
    .action(async (path) => {
      const found = await (await ctx.session()).exists(path);
      await ctx.out.result(found === true);
      if (found !== true) throw new CliError(`${path} does not exist.`, EXIT.NOT_FOUND);
    });
  examples(exists, "accsyn exists share=projects/shots/sh010 && echo present");

  const mkdir = program.command("mkdir").description("create a directory").argument("<path>", "accsyn path")
    .option("-p, --parents", "create missing parent directories too; no error when the directory exists")
    .action(async (path, flags) => {
      const session = await ctx.session();
      if (!flags.parents) return ctx.out.result(await session.mkdir(path), { message: `Created ${path}` });
      const created = await makeDirectories(session, path);
      await ctx.out.result(created, { message: created.length === 0 ? `${path} already exists` : `Created ${created.join(", ")}` });
    });
  examples(mkdir, "accsyn mkdir share=projects/shots/sh020", "accsyn mkdir -p share=projects/shots/sh030/plates/v001");

  const mv = program.command("mv").description("move a file or directory").argument("<src>", "accsyn path").argument("<dst>", "accsyn path")
    .action(async (src, dst) => {
      await ctx.out.result(await (await ctx.session()).mv(src, dst), { message: `Moved ${src} to ${dst}` });
    });
  examples(mv, "accsyn mv share=projects/in/a.mov share=projects/out/a.mov");

  const rename = program.command("rename").description("rename within the same directory").argument("<path>", "accsyn path").argument("<to>", "new accsyn path, same directory")
    .action(async (path, to) => {
      await ctx.out.result(await (await ctx.session()).rename(path, to), { message: `Renamed ${path} to ${to}` });
    });
  examples(rename, "accsyn rename share=projects/shots/a.mov share=projects/shots/b.mov");

  const rm = program.command("rm").description("delete a file or directory (asks first; without a terminal to ask on, needs --yes)").argument("<path>", "accsyn path")
    .option("--force", "delete a non-empty directory")
    .option("-y, --yes", "do not ask for confirmation (needed in scripts)")
    .action(async (path, flags) => {
      if (!flags.yes) {
        if (!process.stdin.isTTY) throw usageError(`Refusing to delete ${path} without confirmation: stdin is not a terminal to ask on. Pass --yes to delete it.`);
        if (!(await confirm(ctx, `Delete ${path}${flags.force ? " and everything in it" : ""}?`))) throw new CliError("Nothing deleted.", EXIT.ERROR);
      }
      const result = await (await ctx.session()).delete(path, flags.force ? { force: true } : {});
      await ctx.out.result(result, { message: `Deleted ${path}` });
    });
  examples(rm, "accsyn rm share=projects/tmp/old.mov", "accsyn rm share=projects/tmp --force --yes");
}
