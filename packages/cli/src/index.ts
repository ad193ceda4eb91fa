/**
 * `@accsyn/cli`: the `accsyn` command. For programmatic use, `run(argv)` runs it and resolves with
 * the exit code; `createProgram()` gives the commander program.
 * @packageDocumentation
 */
export { run, createProgram } from "./program.js";
export { EXIT, CliError, describeFailure, type ExitCode, type Failure } from "./errors.js";
export { Context, type GlobalOptions } from "./context.js";
export { VERSION } from "./version.js";
export { Printer, type OutputMode, type ResultOptions } from "./output/print.js";
export { progressDisplay, plainProgress, type JobProgress, type ProgressDisplay } from "./output/progress.js";
