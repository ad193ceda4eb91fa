import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** A built dashboard file, ready to send. */
export interface Asset {
  type: string;
  body: Buffer;
  gzipped: Buffer;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml",
};

/** This module's directory, in the ESM and the CJS build. */
function here(): string {
  return typeof __dirname === "string" ? __dirname : dirname(fileURLToPath(import.meta.url));
}

/**
 * Where the built dashboard lives: `dist/ui/` next to the built emulator, or (running from the sources, in
 * tests) the package's `dist/ui/`. Undefined when it was not built.
 */
export function assetsDir(): string | undefined {
  const dir = here();
  const candidates = [join(dir, "ui"), join(dir, "..", "..", "dist", "ui"), join(dir, "..", "dist", "ui")];
  return candidates.find((c) => existsSync(join(c, "index.html")));
}

/** Reads (once) and serves the dashboard's files by name. */
export class Assets {
  private readonly cache = new Map<string, Asset>();

  constructor(private readonly dir: string | undefined) {}

  /** The file `name` (`index.html`, `app.js`, …), or undefined. Names are plain file names: no path can escape. */
  get(name: string): Asset | undefined {
    if (!this.dir || !/^[\w-]+\.(html|js|css|svg)$/.test(name)) return undefined;
    let hit = this.cache.get(name);
    if (!hit) {
      const file = join(this.dir, name);
      if (!existsSync(file)) return undefined;
      const body = readFileSync(file);
      hit = { type: TYPES[extname(name)] ?? "application/octet-stream", body, gzipped: gzipSync(body, { level: 9 }) };
      this.cache.set(name, hit);
    }
    return hit;
  }
}
