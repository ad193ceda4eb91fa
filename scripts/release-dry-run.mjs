#!/usr/bin/env node
// `pnpm release:dry`: shows what `pnpm release` would publish, without publishing or changing anything.
// Packs every publishable package with `pnpm pack` (the same tarball `pnpm publish` uploads, with
// workspace: ranges replaced) into a temporary directory, lists each tarball's files with their sizes and
// its runtime dependencies, and shows the versions the pending changesets would give (`changeset status`).
// Run `pnpm build` first; the packages' dist/ folders are packed as they are.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { formatSize, pack, printTable, publishablePackages, readFromTarball, root, run, tarballEntries } from "./lib/packages.mjs";

/** Pending releases by package name (`{ type, oldVersion, newVersion }`), or undefined when changesets cannot tell. */
async function pendingReleases(workDir) {
  const output = join(workDir, "changeset-status.json");
  try {
    await run("pnpm", ["exec", "changeset", "status", `--output=${output}`], { cwd: root });
    return new Map(JSON.parse(readFileSync(output, "utf8")).releases.map((r) => [r.name, r]));
  } catch (error) {
    console.warn(`(changeset status failed, versions are shown as they are: ${error.message.split("\n")[0]})\n`);
    return undefined;
  }
}

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), "accsyn-release-dry-run-"));
  try {
    const releases = await pendingReleases(workDir);
    const rows = [];
    for (const { pkgDir, manifest } of publishablePackages()) {
      if (!existsSync(join(pkgDir, "dist"))) {
        throw new Error(`${relative(root, pkgDir)}/dist is missing — run \`pnpm build\` first`);
      }
      const tarball = await pack(pkgDir, workDir);
      const entries = tarballEntries(tarball);
      const packed = JSON.parse(readFromTarball(tarball, "package.json"));
      const release = releases?.get(manifest.name);
      const next = release && release.type !== "none" ? `${release.newVersion} (${release.type})` : "unchanged";
      const size = statSync(tarball).size;
      const unpacked = entries.reduce((sum, e) => sum + e.size, 0);
      console.log(`📦 ${packed.name}@${packed.version} → ${next}   ${formatSize(size)} packed, ${formatSize(unpacked)} unpacked`);
      for (const entry of entries.sort((a, b) => a.path.localeCompare(b.path))) {
        console.log(`   ${formatSize(entry.size).padStart(9)}  ${entry.path}`);
      }
      const deps = Object.entries(packed.dependencies ?? {}).map(([dep, range]) => `${dep}@${range}`);
      console.log(`   dependencies: ${deps.length > 0 ? deps.join(", ") : "none"}\n`);
      rows.push([packed.name, packed.version, next, formatSize(size), formatSize(unpacked), entries.length]);
    }
    printTable(["package", "version", "would release", "packed", "unpacked", "files"], rows);
    console.log("\nNothing was published. `pnpm version-packages` applies the changesets; `pnpm release` publishes.");
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
