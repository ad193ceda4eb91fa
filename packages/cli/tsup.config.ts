import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";
import { accsynTsup } from "@accsyn/tsup-config";
import { deferStartupWork } from "./build/defer-startup-work.js";

const stub = (name: string): string => fileURLToPath(new URL(`./build/${name}.js`, import.meta.url));

export default defineConfig([
  // The library (`run`, `createProgram`, …): ESM + CJS, dependencies external as usual.
  accsynTsup({ entry: ["src/index.ts"] }),
  // The `accsyn` bin, ESM, bundled with everything it loads (the SDK, got, commander, …) so that a
  // command pays module resolution once, not for ~150 files. Code splitting keeps what a command
  // may not need in chunks loaded on first use: the program (not loaded for `--version`), the SDK,
  // got, tables and progress bars. Stays external: proxy-agent (loaded only behind a proxy; its PAC
  // stack loads a WebAssembly file) and the emulator (`accsyn emulator` finds it at run time).
  accsynTsup({
    entry: ["src/bin.ts"],
    format: ["esm"],
    dts: false,
    clean: false,
    splitting: true,
    noExternal: [/^(?!proxy-agent$|@accsyn\/emulator$)/],
    external: ["proxy-agent", "@accsyn/emulator"],
    // bundled CommonJS (commander, …) requires Node built-ins; an ES module has no `require` of its own
    banner: { js: 'import { createRequire as __accsynCreateRequire } from "node:module";\nconst require = __accsynCreateRequire(import.meta.url);' },
    esbuildPlugins: [deferStartupWork()],
    esbuildOptions(options) {
      // got's parts for options the SDK never sets (see build/*.js)
      options.alias = { "http2-wrapper": stub("http2-wrapper"), "cacheable-request": stub("cacheable-request"), "cacheable-lookup": stub("cacheable-lookup") };
    },
  }),
]);
