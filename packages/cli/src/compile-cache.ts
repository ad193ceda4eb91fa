/** The part of `node:module` used here; `enableCompileCache` exists from Node 22.1. */
interface CompileCacheModule {
  enableCompileCache?: (directory?: string) => { status: number; message?: string; directory?: string };
}

/**
 * Turns on Node's on-disk compile cache for the modules loaded after this call (Node ≥ 22.1; a no-op
 * on Node 20), so later runs of `accsyn` skip compiling the program. The cache lives where Node puts it:
 * `NODE_COMPILE_CACHE` when set, else the OS temp folder (`<tmpdir>/node-compile-cache`);
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off. Never fails the command: an unwritable folder only
 * means no cache. Returns the cache folder, or undefined when there is none.
 */
export function enableCompileCache(): string | undefined {
  try {
    const nodeModule = process.getBuiltinModule("node:module") as CompileCacheModule;
    return nodeModule.enableCompileCache?.()?.directory;
  } catch {
    return undefined;
  }
}
