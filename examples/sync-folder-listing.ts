/**
 * Keeps a local JSON listing of a folder on a share in sync: lists it recursively, prints what was
 * added, changed or removed since the last run, and writes the new listing.
 *
 *   sync-folder-listing <accsyn path> <listing.json>
 *   sync-folder-listing share=projects/plates plates.json
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { isFile, walkFiles, type FileEntry } from "@accsyn/api";
import { runExample } from "./connect.js";
import { formatBytes } from "./format.js";

/** What the listing records of each file: its size and when it last changed. */
type Listing = Record<string, { size: number | undefined; modified: string }>;

/** A recursive `ls` answer as `relative/path → file` (files only), walked with `walkFiles`. */
function filesOf(entries: readonly FileEntry[]): Listing {
  const listing: Listing = {};
  for (const { path, entry } of walkFiles(entries)) {
    if (isFile(entry)) listing[path] = { size: entry.size, modified: entry.modified.toISOString() };
  }
  return listing;
}

await runExample(async (session, args) => {
  const [folder, listingFile] = args;
  if (folder === undefined || listingFile === undefined) throw new Error("usage: sync-folder-listing <accsyn path> <listing.json>");

  const previous: Listing = existsSync(listingFile) ? (JSON.parse(readFileSync(listingFile, "utf8")) as Listing) : {};
  const current = filesOf(await session.ls(folder, { recursive: true, getSize: true }));

  const counts = { added: 0, changed: 0, removed: 0 };
  for (const [path, file] of Object.entries(current).sort(([a], [b]) => a.localeCompare(b))) {
    const before = previous[path];
    if (before === undefined) {
      counts.added += 1;
      console.log(`+ ${path} (${formatBytes(file.size)})`);
    } else if (before.size !== file.size || before.modified !== file.modified) {
      counts.changed += 1;
      console.log(`~ ${path} (${formatBytes(before.size)} -> ${formatBytes(file.size)})`);
    }
  }
  for (const path of Object.keys(previous).filter((p) => !(p in current)).sort()) {
    counts.removed += 1;
    console.log(`- ${path}`);
  }

  writeFileSync(listingFile, `${JSON.stringify(current, null, 2)}\n`);
  const total = Object.keys(current).length;
  console.log(`${folder}: ${total} file(s); ${counts.added} added, ${counts.changed} changed, ${counts.removed} removed. Listing written to ${listingFile}.`);
});
