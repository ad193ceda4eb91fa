/** Files on shares: ls, du, exists, mkdir, mv, rename, rm. */
import type { Command } from "@commander-js/extra-typings";
import type { FileEntry } from "@accsyn/api";
import type { ApiSession, Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { commaList } from "../input.js";
import { parseCount } from "../options.js";
import { humanSize } from "../output/values.js";
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
      if (flags.filesOnly) options.filesOnly = true;
      if (flags.dirsOnly) options.directoriesOnly = true;
      if (flags.size) options.getSize = true;
      if (flags.include) options.include = flags.include;
      if (flags.exclude) options.exclude = flags.exclude;
      const listing = await (await ctx.session()).ls(path, options);
      if (ctx.out.mode !== "human") return ctx.out.result(listing);
      const recursive = flags.recursive === true;
      const rows = await listingRows(Array.isArray(listing) ? listing : [], recursive);
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
    .action(async (path) => {
      await ctx.out.result(await (await ctx.session()).mkdir(path), { message: `Created ${path}` });
    });
  examples(mkdir, "accsyn mkdir share=projects/shots/sh020");

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

  const rm = program.command("rm").description("delete a file or directory (asks on a terminal unless --yes)").argument("<path>", "accsyn path")
    .option("--force", "delete a non-empty directory")
    .option("-y, --yes", "do not ask for confirmation")
    .action(async (path, flags) => {
      if (!flags.yes && process.stdin.isTTY && ctx.stderr.isTTY && !(await confirm(ctx, `Delete ${path}${flags.force ? " and everything in it" : ""}?`))) {
        throw new CliError("Nothing deleted.", EXIT.ERROR);
      }
      const result = await (await ctx.session()).delete(path, flags.force ? { force: true } : {});
      await ctx.out.result(result, { message: `Deleted ${path}` });
    });
  examples(rm, "accsyn rm share=projects/tmp/old.mov", "accsyn rm share=projects/tmp --force --yes");
}
