// The reference: the official Python client, run from its source (ACCSYN_PY_SRC) by
// bench/reference/driver.py against the same bench server, one fresh python3 process per run.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnJson } from "./spawn-json.mjs";

const DRIVER = fileURLToPath(new URL("../reference/driver.py", import.meta.url));

/**
 * Whether the reference can run: `{ ok: true }` or `{ ok: false, reason }` (the rows then say
 * why they are skipped). `quick` runs never include it.
 */
export function referenceAvailability(quick, env = process.env) {
  if (quick) return { ok: false, reason: "quick run" };
  const src = env.ACCSYN_PY_SRC;
  if (!src) return { ok: false, reason: "ACCSYN_PY_SRC not set" };
  if (!existsSync(join(src, "source", "accsyn_api")) && !existsSync(join(src, "accsyn_api"))) {
    return { ok: false, reason: `no accsyn_api under ACCSYN_PY_SRC=${src}` };
  }
  return { ok: true };
}

/**
 * Runs the driver once with `task` (see driver.py) and resolves with its JSON: `times` (ms per
 * call), `wallMs`, `cpuMs`, `maxRssMb`.
 */
export function runReference(task, env = process.env) {
  // No .env of the caller's folder and no AS_DEV: the client runs as in production.
  return spawnJson("python3", [DRIVER, JSON.stringify(task)], {
    cwd: fileURLToPath(new URL("../reference/", import.meta.url)),
    env: { ...env, AS_DEV: "", PYTHONDONTWRITEBYTECODE: "1" },
  });
}

/** Runs the driver `reps` times; resolves with the list of results. */
export async function repeatReference(reps, task) {
  const results = [];
  for (let i = 0; i < reps; i++) results.push(await runReference(task));
  return results;
}
