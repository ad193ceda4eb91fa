import { cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { nameFilter } from "../files/filters.js";
import { taskSetting } from "./spec.js";
import type { Store } from "../store/store.js";
import type { Entity } from "../util.js";

/**
 * `transfer_exclude`: patterns separated by an escaped comma (`*tmp\,re('[0-9]')`, accsyn doc
 * developer/job-specification.md "Exclude files"), the task's merged with its job's.
 */
function excludes(store: Store, task: Entity): string[] {
  const text = taskSetting(store, task, "transfer_exclude");
  return text ? text.split("\\,").map((p) => p.trim()).filter(Boolean) : [];
}

/** Deletes what `target` holds that `source` does not (recursively), before a one-way sync copies. */
function pruneExtra(source: string, target: string): void {
  if (!existsSync(target) || !statSync(target).isDirectory() || !statSync(source).isDirectory()) return;
  for (const name of readdirSync(target)) {
    const s = join(source, name);
    if (!existsSync(s)) rmSync(join(target, name), { recursive: true, force: true });
    else pruneExtra(s, join(target, name));
  }
}

/**
 * Copies a task's source to its target as its settings say: `transfer_exclude` skips matching file and folder names;
 * `transfer_mode` `onewaysync` first deletes files on the receiving end that do not exist at the source (changelog:
 * "One-way sync support, deletes files on receiving end that does not exist at source before transfer starts").
 */
export function copyTask(store: Store, task: Entity, source: string, target: string): void {
  if (taskSetting(store, task, "transfer_mode") === "onewaysync") pruneExtra(source, target);
  const keep = nameFilter(undefined, excludes(store, task));
  cpSync(source, target, { recursive: true, filter: (path) => path === source || keep(basename(path)) });
}

/** `job_done_actions` `delete_excluded`: the job's excluded tasks are deleted on the receiving end (changelog). */
export function deletesExcluded(store: Store, job: Entity): boolean {
  const actions = store.settings.get(`job:${job.id}`)?.get("job_done_actions") ?? "";
  return actions.split(",").map((a) => a.trim()).includes("delete_excluded");
}
