// esbuild configuration for the @accsyn/core size budget (.size-limit.json): the published ESM build
// bundled, minified and tree-shaken for Node (platform "node", so node: built-ins stay imports).
// got, dotenv and proxy-agent stay external: the budget measures our own code, not node_modules.
// For reference (Nov 2026): ≈10.2 kB gzip this way; ≈196 kB gzip with the three dependencies bundled
// in (proxy-agent alone brings a PAC-script engine), which would make the budget track their releases.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** @type {import("esbuild").BuildOptions} */
export default {
  entryPoints: [fileURLToPath(new URL("../../packages/core/dist/index.js", import.meta.url))],
  bundle: true,
  minify: true,
  treeShaking: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["got", "dotenv", "proxy-agent"],
  outdir: join(tmpdir(), "accsyn-size-limit-core"),
  allowOverwrite: true,
  write: true,
  metafile: true,
  logLevel: "error",
};
