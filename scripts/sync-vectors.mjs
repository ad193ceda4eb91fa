#!/usr/bin/env node
/**
 * Keeps `conformance/vectors/` (the repository's copy of the recorded protocol vectors) equal to
 * the published set in `../shared/protocol/vectors/` beside the clone.
 *
 *   node scripts/sync-vectors.mjs            copy new and changed *.json, remove ones gone upstream
 *   node scripts/sync-vectors.mjs --check    change nothing; exit 1 and list the differences
 *   --from <dir> --to <dir>                  other folders (tests use temporary ones)
 *
 * Only `*.json` files are compared and copied: the copy's README.md is the repository's own.
 * Without the source folder it says so and exits 0 — a clone on its own has nothing to sync.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    from: { type: "string", default: join(root, "..", "shared", "protocol", "vectors") },
    to: { type: "string", default: join(root, "conformance", "vectors") },
  },
});
const show = (dir) => (relative(process.cwd(), dir).startsWith("..") ? dir : relative(process.cwd(), dir) || ".");

const jsonFiles = (dir) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".json")).sort() : []);

if (!existsSync(values.from)) {
  console.log(`vectors: no upstream set at ${show(values.from)} (the shared/ folder is not beside this clone); nothing to ${values.check ? "check" : "sync"}.`);
  process.exit(0);
}

const upstream = jsonFiles(values.from);
const copy = new Set(jsonFiles(values.to));
const added = upstream.filter((name) => !copy.has(name));
const changed = upstream.filter((name) => copy.has(name) && !readFileSync(join(values.from, name)).equals(readFileSync(join(values.to, name))));
const removed = [...copy].filter((name) => !upstream.includes(name));
const differences = [...added.map((n) => `new upstream: ${n}`), ...changed.map((n) => `changed upstream: ${n}`), ...removed.map((n) => `gone upstream: ${n}`)];

if (values.check) {
  if (differences.length === 0) {
    console.log(`vectors: ${show(values.to)} equals ${show(values.from)} (${upstream.length} vectors).`);
  } else {
    console.log(`vectors: ${show(values.to)} differs from ${show(values.from)}:\n${differences.map((line) => `  ${line}`).join("\n")}\nRun \`pnpm vectors:sync\` and commit the result.`);
    process.exitCode = 1;
  }
} else {
  for (const name of [...added, ...changed]) copyFileSync(join(values.from, name), join(values.to, name));
  for (const name of removed) rmSync(join(values.to, name));
  console.log(`vectors: ${show(values.to)} synced from ${show(values.from)}: ${added.length} added, ${changed.length} updated, ${removed.length} removed, ${upstream.length} in all.`);
}
