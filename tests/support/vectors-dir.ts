/** Where the recorded protocol vectors live: `conformance/vectors/` in this repository. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Absolute path of the repository's vector folder; throws when it is missing, so no test silently skips. */
export const VECTORS_DIR: string = fileURLToPath(new URL("../../conformance/vectors/", import.meta.url));

if (!existsSync(VECTORS_DIR)) {
  throw new Error(`The protocol vectors are missing: expected them at ${VECTORS_DIR} (conformance/vectors/ in the repository).`);
}
