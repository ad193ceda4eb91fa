/**
 * Finds the Chromium the browser tests drive: `ACCSYN_CHROMIUM` when set, else Debian's `chromium`
 * (`apt-get install chromium`, which `.ci/run` does) or another usual name on PATH.
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

const NAMES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser's path, or undefined with the reason none was found. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path?: string; why: string } {
  const given = env.ACCSYN_CHROMIUM;
  if (given) return executable(given) ? { path: given, why: "ACCSYN_CHROMIUM" } : { why: `ACCSYN_CHROMIUM=${given} is not an executable file` };
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean))
    for (const name of NAMES) if (executable(join(dir, name))) return { path: join(dir, name), why: `found ${name} on PATH` };
  return { why: `no browser: none of ${NAMES.join(", ")} is on PATH and ACCSYN_CHROMIUM is not set (install it with \`apt-get install -y chromium\`, as .ci/run does)` };
}
