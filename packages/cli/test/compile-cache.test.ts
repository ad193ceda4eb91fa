/**
 * The built `accsyn` turns on Node's compile cache where Node has one (≥ 22.1): the program's compiled
 * code lands in `<tmpdir>/node-compile-cache`, and a folder it cannot write costs nothing but the cache.
 * On Node 20 nothing is written. Runs on each Node of `pnpm test:matrix`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "./helpers.js";

const BIN = join(ROOT, "packages/cli/dist/bin.js");
const hasCompileCache = typeof (process.getBuiltinModule("node:module") as { enableCompileCache?: unknown }).enableCompileCache === "function";
let dir = "";

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "accsyn-compile-cache-"));
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs `accsyn --help` with TMPDIR set and Node's own cache switches cleared. */
function help(tmp: string) {
  const { NODE_COMPILE_CACHE: _dir, NODE_DISABLE_COMPILE_CACHE: _off, ...env } = process.env;
  const result = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8", env: { ...env, TMPDIR: tmp } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

it(`caches the program's compiled code in the OS temp folder (Node ${process.version}: ${hasCompileCache ? "has" : "has no"} compile cache)`, () => {
  const tmp = mkdtempSync(join(dir, "tmp-"));
  const result = help(tmp);
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout).toContain("Usage: accsyn");
  const cache = join(tmp, "node-compile-cache");
  if (hasCompileCache) expect(readdirSync(cache, { recursive: true }).length).toBeGreaterThan(0);
  else expect(existsSync(cache)).toBe(false);
});

it("runs as usual, silently, when the temp folder cannot hold the cache", () => {
  const notAFolder = join(dir, "a-file");
  writeFileSync(notAFolder, "");
  const result = help(notAFolder);
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout).toContain("Usage: accsyn");
});
