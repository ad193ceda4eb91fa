#!/usr/bin/env node
// Checks every publishable package exactly as it would be published. Builds nothing: run it after
// `turbo run build`. For each package it packs the tarball with `pnpm pack`, then
//   - publint (strict, so warnings count as errors; suggestions are printed and fail too),
//   - @arethetypeswrong/cli, profile "strict": node10, node16 from CJS, node16 from ESM and bundler,
//   - manifest checks neither tool makes: no `workspace:` range left, LICENSE and README packed,
//     engines/repository/license present, every bin target packed and starting with a shebang,
// prints one table row per package and exits 1 on any problem (each listed below the table).
//
// CommonJS requiring ESM-only dependencies: @accsyn/core's dist/index.cjs calls require("got") and got
// is ESM-only. Node >= 20.19 (every package's `engines`) loads it through require(esm), and no .d.cts
// file imports got's types, so attw reports nothing for it and no attw rule is ignored here. attw only
// analyses the package's own types; tests/packaging.test.ts proves the require() works at run time.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import {
  formatSize,
  mapConcurrently,
  pack,
  printTable,
  publishablePackages,
  readFromTarball,
  root,
  run,
  tarballEntries,
} from "./lib/packages.mjs";

const attwBin = join(root, "node_modules", ".bin", "attw");

async function publintProblems(tarball) {
  const bytes = readFileSync(tarball);
  const packed = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: packed }, level: "suggestion", strict: true });
  return messages.map((m) => `publint ${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
}

async function attwProblems(tarball) {
  let out;
  try {
    out = await run(attwBin, [tarball, "--format", "json", "--profile", "strict"]);
  } catch (error) {
    // attw exits 1 when it finds problems; its JSON report is still on stdout.
    if (!error.stdout) return [`attw did not run: ${error.message}`];
    out = error.stdout;
  }
  const { analysis } = JSON.parse(out);
  return (analysis.problems ?? []).map(
    (p) => `attw ${p.kind}${p.entrypoint ? ` at "${p.entrypoint}"` : ""}${p.resolutionKind ? ` (${p.resolutionKind})` : ""}`,
  );
}

function manifestProblems(tarball, entries) {
  const problems = [];
  const packed = JSON.parse(readFromTarball(tarball, "package.json"));
  const paths = new Set(entries.map((e) => e.path));
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, range] of Object.entries(packed[field] ?? {})) {
      if (String(range).startsWith("workspace:")) problems.push(`${field}.${dep} is still "${range}" in the tarball`);
    }
  }
  for (const file of ["LICENSE", "README.md"]) if (!paths.has(file)) problems.push(`${file} is not packed`);
  for (const field of ["engines", "repository", "license"]) {
    if (packed[field] === undefined) problems.push(`package.json has no "${field}"`);
  }
  const bins = typeof packed.bin === "string" ? { [packed.name]: packed.bin } : (packed.bin ?? {});
  for (const [command, target] of Object.entries(bins)) {
    const path = target.replace(/^\.\//, "");
    if (!paths.has(path)) problems.push(`bin "${command}" → ${target} is not packed`);
    else if (!readFromTarball(tarball, path).startsWith("#!/usr/bin/env node")) {
      problems.push(`bin "${command}" → ${target} does not start with "#!/usr/bin/env node"`);
    }
  }
  return problems;
}

const summary = (problems) => (problems.length === 0 ? "ok" : `${problems.length} problem${problems.length === 1 ? "" : "s"}`);

/** Packs and checks one package; resolves with its table row and its problems. */
async function checkPackage({ pkgDir, manifest }, workDir) {
  const name = manifest.name;
  if (!existsSync(join(pkgDir, "dist"))) {
    const row = [name, manifest.version, "-", "-", "-", "not built", "not built", "not built"];
    return { row, problems: [`${name}: ${relative(root, pkgDir)}/dist is missing — run \`pnpm build\` first`] };
  }
  const tarball = await pack(pkgDir, workDir);
  const entries = tarballEntries(tarball);
  const checks = [await publintProblems(tarball), await attwProblems(tarball), manifestProblems(tarball, entries)];
  const unpacked = entries.reduce((sum, e) => sum + e.size, 0);
  const row = [name, manifest.version, formatSize(statSync(tarball).size), formatSize(unpacked), entries.length, ...checks.map(summary)];
  return { row, problems: checks.flat().map((p) => `${name}: ${p}`) };
}

async function main() {
  const workDir = mkdtempSync(join(tmpdir(), "accsyn-check-packages-"));
  let results;
  try {
    results = await mapConcurrently(publishablePackages(), (pkg) => checkPackage(pkg, workDir));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  printTable(
    ["package", "version", "packed", "unpacked", "files", "publint", "attw", "manifest"],
    results.map((r) => r.row),
  );
  const problems = results.flatMap((r) => r.problems);
  if (problems.length > 0) {
    console.error(`\n${problems.length} packaging problem${problems.length === 1 ? "" : "s"}:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
  } else {
    console.log(`\nAll ${results.length} packages pass publint, attw (node10, node16 CJS and ESM, bundler) and the manifest checks.`);
  }
}

await main();
