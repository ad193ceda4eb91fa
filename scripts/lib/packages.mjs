// Helpers shared by check-packages.mjs and release-dry-run.mjs: find the publishable packages,
// pack one with pnpm exactly as `pnpm publish` would, and read the resulting tarball.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** The repository root. */
export const root = fileURLToPath(new URL("../..", import.meta.url));

/** The publishable (non-private) packages under packages/ as `{ pkgDir, manifest }`, sorted by name. */
export function publishablePackages() {
  const dir = join(root, "packages");
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((pkgDir) => existsSync(join(pkgDir, "package.json")))
    .map((pkgDir) => ({ pkgDir, manifest: JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

/** Packs `pkgDir` with `pnpm pack` into `destination` (workspace: ranges replaced) and returns the tarball's path. */
export async function pack(pkgDir, destination) {
  const { stdout } = await execFileAsync("pnpm", ["pack", "--json", "--pack-destination", destination], { cwd: pkgDir });
  return JSON.parse(stdout.slice(stdout.indexOf("{"))).filename;
}

/** Runs a command and resolves with its stdout; rejects (with `stdout` on the error) on a non-zero exit. */
export async function run(command, args, options = {}) {
  const { stdout } = await execFileAsync(command, args, { maxBuffer: 64 << 20, ...options });
  return stdout;
}

/** Maps `items` through the async `task`, at most one task per CPU at a time, keeping the order. */
export async function mapConcurrently(items, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), items.length) }, worker));
  return results;
}

/** A tarball's entries as `{ path, size }`, paths without the leading `package/`, in packing order. */
export function tarballEntries(tarball) {
  return execFileSync("tar", ["-tzvf", tarball], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .map((cols) => ({ size: Number(cols[2]), path: cols.slice(5).join(" ").replace(/^package\//, "") }));
}

/** The text of one file (`path` relative to the package) inside a tarball. */
export function readFromTarball(tarball, path) {
  return execFileSync("tar", ["-xzOf", tarball, `package/${path}`], { encoding: "utf8", maxBuffer: 64 << 20 });
}

/** Formats a byte count as "812 B" or "12.3 kB" (1 kB = 1000 B, as npm prints it). */
export function formatSize(bytes) {
  return bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`;
}

/** Prints rows (arrays of cells) as an aligned plain-text table under `header`. */
export function printTable(header, rows) {
  const lines = [header, ...rows].map((cells) => cells.map(String));
  const widths = header.map((_, i) => Math.max(...lines.map((cells) => cells[i].length)));
  const format = (cells) => cells.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd();
  console.log(format(lines[0]));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const cells of lines.slice(1)) console.log(format(cells));
}
