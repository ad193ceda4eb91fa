/**
 * Start-up of the built `accsyn` bin (dist/bin.js, bundled): `--version` is answered before any
 * library is loaded. Its static import graph reaches only the bin's own small chunks (and Node
 * built-ins) — no package (commander, the SDK, …) — while other commands still load the program.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "./helpers.js";

const DIST = join(ROOT, "packages/cli/dist");

/** Specifiers loaded eagerly (static `import … from`, top-level `require`) by `file`, following relative ones. */
function eagerGraph(file: string, pattern: RegExp, seen = new Set<string>()): { files: Set<string>; packages: Set<string> } {
  const packages = new Set<string>();
  seen.add(file);
  for (const match of readFileSync(file, "utf8").matchAll(pattern)) {
    const specifier = (match[1] ?? match[2]) as string;
    if (isBuiltin(specifier)) continue; // a Node built-in, not a package
    if (!specifier.startsWith(".")) {
      packages.add(specifier);
      continue;
    }
    const target = join(dirname(file), specifier);
    if (seen.has(target)) continue;
    for (const p of eagerGraph(target, pattern, seen).packages) packages.add(p);
  }
  return { files: seen, packages };
}

const ESM_IMPORT = /^import\s[^'"]*?from\s+['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]/gm;

describe("accsyn bin start-up", () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it("dist/bin.js loads no package before answering --version", () => {
    const graph = eagerGraph(join(DIST, "bin.js"), ESM_IMPORT);
    expect([...graph.packages]).toEqual([]);
    const bytes = [...graph.files].reduce((sum, f) => sum + readFileSync(f).length, 0);
    expect(bytes).toBeLessThan(4_000);
  });

  it("dist/bin.js bundles what commands load: no import of a package but proxy-agent (the emulator is found at run time)", () => {
    const chunks = readdirSync(DIST).filter((f) => f.endsWith(".js") && !f.startsWith("index"));
    const packages = new Set<string>();
    for (const chunk of chunks) {
      for (const match of readFileSync(join(DIST, chunk), "utf8").matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)|^import\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
        const specifier = (match[1] ?? match[2]) as string;
        if (!specifier.startsWith(".") && !isBuiltin(specifier)) packages.add(specifier);
      }
    }
    expect([...packages].sort()).toEqual(["proxy-agent"]);
  });

  it("the bin prints the package version for --version and -V, and still run commands", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "packages/cli/package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      expect(execFileSync(process.execPath, [join(DIST, "bin.js"), flag], { encoding: "utf8" })).toBe(`${version}\n`);
    }
    expect(execFileSync(process.execPath, [join(DIST, "bin.js"), "--help"], { encoding: "utf8" })).toContain("Usage: accsyn");
  });
});
