/** Injected by the build (tsup `define`); `0.0.0-dev` when run from source. */
declare const __ACCSYN_PKG_VERSION__: string | undefined;

/** The version of `@accsyn/cli`. */
export const VERSION: string = typeof __ACCSYN_PKG_VERSION__ === "string" ? __ACCSYN_PKG_VERSION__ : "0.0.0-dev";
