#!/usr/bin/env node
/** The `accsyn` executable: runs the program and exits with its code once output is flushed. */
import { run } from "./program.js";

// `accsyn find user --all | head` closes stdout early: stop quietly, as Unix tools do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`accsyn: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
