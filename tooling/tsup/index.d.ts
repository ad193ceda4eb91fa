import type { Options } from "tsup";
/** Builds the tsup options of the package in `cwd` (entry points relative to it). */
export declare function accsynTsup(options?: Partial<Options> & { cwd?: string }): Options;
