// An esbuild plugin for the bundled `accsyn` bin: defers work that two dependencies do when they
// are loaded, and that a command almost never needs (found with `node --cpu-prof`, issue 26):
// - @sindresorhus/is (got's validator) builds two `Intl.ListFormat`s at load, for error messages:
//   the first one loads ICU data, ~50–130 ms and ~9 MB of RSS on Node 20. Built on first use instead.
// - commander requires `node:child_process` at load, for executable sub-commands (which accsyn has
//   none of): ~10 ms of built-in modules. Required on first use instead.
// Each rewrite checks that it matched as often as expected, so a dependency update that changes
// the code fails the build instead of silently keeping the cost.
import { readFile } from "node:fs/promises";

const REWRITES = [
  {
    file: /[\\/]@sindresorhus[\\/]is[\\/]distribution[\\/]index\.js$/,
    search: /new Intl\.ListFormat\(/g,
    replace: "__accsynLazyListFormat(",
    count: 2,
    prelude: "const __accsynLazyListFormat = (...args) => { let made; return { format: (list) => (made ??= new Intl.ListFormat(...args)).format(list) }; };\n",
  },
  {
    file: /[\\/]commander[\\/]lib[\\/]command\.js$/,
    search: /^const childProcess = require\('node:child_process'\);$/gm,
    replace: "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
    count: 1,
    prelude: "",
  },
];

/** The esbuild plugin (see the file's comment). */
export function deferStartupWork() {
  return {
    name: "defer-startup-work",
    setup(build) {
      for (const rewrite of REWRITES) {
        build.onLoad({ filter: rewrite.file }, async ({ path }) => {
          const source = await readFile(path, "utf8");
          const found = source.match(rewrite.search)?.length ?? 0;
          if (found !== rewrite.count) {
            throw new Error(`defer-startup-work: expected ${rewrite.count} match(es) of ${rewrite.search} in ${path}, found ${found}; update packages/cli/build/defer-startup-work.js`);
          }
          return { contents: rewrite.prelude + source.replace(rewrite.search, rewrite.replace), loader: "js" };
        });
      }
    },
  };
}
