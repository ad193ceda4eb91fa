/** `mkdir -p`: creates each missing directory of an accsyn path, parents first. */
import type { ApiSession } from "../context.js";

/**
 * The directories of an accsyn path from the share down, e.g. `share=projects/a/b` →
 * `share=projects/a`, `share=projects/a/b` (the share itself always exists).
 */
export function directoryChain(path: string): string[] {
  const [root = "", ...parts] = path.replace(/\/+$/, "").split("/");
  const chain: string[] = [];
  let current = root;
  for (const part of parts) {
    if (part === "") continue;
    current = `${current}/${part}`;
    chain.push(current);
  }
  return chain;
}

/**
 * Creates `path` and its missing parents, like `mkdir -p`: existing directories are kept, and a
 * directory another client creates meanwhile is not an error. Resolves with the paths created.
 */
export async function makeDirectories(session: ApiSession, path: string): Promise<string[]> {
  const created: string[] = [];
  for (const directory of directoryChain(path)) {
    if (await session.exists(directory)) continue;
    try {
      await session.mkdir(directory);
      created.push(directory);
    } catch (error) {
      if (!(await session.exists(directory))) throw error;
    }
  }
  return created;
}
