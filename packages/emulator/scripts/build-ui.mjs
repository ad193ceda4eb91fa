// Builds the dashboard (ui-src/) into dist/ui/: one minified ES module, its CSS and the page. No CDN, no runtime deps.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(pkg, "dist", "ui");
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(pkg, "ui-src", "main.tsx")], outfile: join(out, "app.js"), bundle: true, minify: true, format: "esm",
  target: "es2020", jsx: "automatic", jsxImportSource: "preact", legalComments: "none", logLevel: "warning",
});
copyFileSync(join(pkg, "ui-src", "index.html"), join(out, "index.html"));
copyFileSync(join(pkg, "ui-src", "app.css"), join(out, "app.css"));
