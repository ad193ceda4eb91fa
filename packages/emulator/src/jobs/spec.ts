import type { Store } from "../store/store.js";
import { type Entity, fail, isId, isObject } from "../util.js";
import type { Ctx } from "../context.js";

/**
 * The job JSON of the accsyn documentation (accsyn doc developer/job-specification.md): job attributes beyond the
 * tasks — `priority`, `queue`, `metadata`, `settings`, `mirror`/`mirror_paths` — checked and normalized here.
 */

/** "accsyn priorities range from 1000 (highest) to 1 (lowest) and the default value is 500" (job-specification.md, "Priorities"). */
export const DEFAULT_PRIORITY = 500;

/** A priority from 1 to 1000, or the default. */
export function priorityOf(value: unknown, what: string): number {
  if (value === undefined || value === null) return DEFAULT_PRIORITY;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 1000)
    return fail.bad(`The ${what} 'priority' must be a whole number from 1 (lowest) to 1000 (highest)`);
  return value;
}

/** Metadata: an object (default {}). */
export function metadataOf(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  return isObject(value) ? value : fail.bad(`The ${what} 'metadata' must be an object`);
}

/** The queue a job goes in: `queue` by id, code or name (case-insensitive), else undefined. */
export function queueOf(store: Store, value: unknown): Entity | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value === "") return fail.bad("'queue' must be the id, code or name of a queue");
  const wanted = value.toLowerCase();
  const queue = isId(value) ? store.getOf(["queue"], value)
    : [...store.all("queue")].find((q) => String(q.code).toLowerCase() === wanted || String(q.name).toLowerCase() === wanted);
  return queue && !queue._inactive ? queue : fail.notFound(`Queue '${value}' not found`);
}

const MODES = ["copy", "onewaysync"];
const DONE_ACTIONS = ["delete_excluded"];

/**
 * Job (or task) settings: "Settings are always supplied as strings" (job-specification.md, "Metadata"), numbers and
 * booleans are taken as their text. Checked: `transfer_mode` copy | onewaysync (changelog: "New domain setting
 * transfer_mode, with options 'copy'(default) and 'onewaysync'"), `task_bucketsize` a positive whole number,
 * `job_done_actions` a comma list of `delete_excluded`. Others (`transfer_exclude`, `transfer_ignore_existing`, …)
 * are kept as given.
 */
export function settingsOf(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) return fail.bad(`The ${what} 'settings' must be an object of setting names and values`);
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") fail.bad(`Setting '${name}' must be a string`);
    const text = String(v);
    if (name === "transfer_mode" && !MODES.includes(text)) fail.bad(`Setting 'transfer_mode' must be one of ${MODES.join(", ")}, not '${text}'`);
    if (name === "task_bucketsize" && !/^[1-9]\d*$/.test(text)) fail.bad(`Setting 'task_bucketsize' must be a positive whole number, not '${text}'`);
    if (name === "job_done_actions" && text.split(",").some((a) => !DONE_ACTIONS.includes(a.trim())))
      fail.bad(`Setting 'job_done_actions' takes ${DONE_ACTIONS.join(", ")}, not '${text}'`);
    out[name] = text;
  }
  return out;
}

/** `mirror` / `mirror_paths`: a boolean (paths are mirrored anyway where a destination has no path). */
export function mirrorOf(data: Record<string, unknown>): boolean {
  const v = data.mirror_paths ?? data.mirror;
  if (v === undefined || v === null) return false;
  return typeof v === "boolean" ? v : fail.bad("'mirror_paths' must be true or false");
}

/** The job-scope settings of a job (`get_settings(entity_type="job", id)` answers them). */
export function storeJobSettings(ctx: Ctx, job: Entity, settings: Record<string, string>): void {
  for (const [name, value] of Object.entries(settings)) ctx.store.setSetting(`job:${job.id}`, name, value);
}

/** The effective setting of a task: the task's own, else its job's. */
export function taskSetting(store: Store, task: Entity, name: string): string | undefined {
  const own = (task.settings as Record<string, string> | undefined)?.[name];
  return own ?? (typeof task.job === "string" ? store.settings.get(`job:${task.job}`)?.get(name) : undefined);
}
