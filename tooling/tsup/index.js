// One tsup configuration for every package: ESM + CJS + .d.ts, Node 20, sourcemaps,
// and the package version injected as __ACCSYN_PKG_VERSION__.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Builds the tsup options of the package in `cwd` (entry points relative to it). */
export function accsynTsup({ entry = ["src/index.ts"], cwd = process.cwd(), ...rest } = {}) {
  const pkg = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8"));
  return {
    entry,
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    platform: "node",
    splitting: false,
    treeshake: true,
    tsconfig: join(cwd, "tsconfig.build.json"),
    // tsup keeps dependencies and peers external by itself; optional ones must stay external too.
    external: Object.keys(pkg.optionalDependencies ?? {}),
    define: { __ACCSYN_PKG_VERSION__: JSON.stringify(pkg.version) },
    ...rest,
  };
}
