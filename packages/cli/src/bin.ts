#!/usr/bin/env node
/**
 * The `accsyn` executable. `accsyn --version` is answered before anything else is loaded (start-up
 * time is what a script calling it pays); every other command loads the program, runs it and exits
 * with its code once output is flushed.
 */
import { enableCompileCache } from "./compile-cache.js";
import { VERSION } from "./version.js";

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
  process.stdout.write(`${VERSION}\n`);
} else {
  // `accsyn find user --all | head` closes stdout early: stop quietly, as Unix tools do.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  enableCompileCache();
  import("./program.js")
    .then(({ run }) => run(argv))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        process.stderr.write(`accsyn: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
}
