import { ATTRIBUTES, CREATE_ATTRIBUTES, JOB_KINDS, type Kind } from "../model.js";
import type { Store } from "../store/store.js";
import { fail, isId } from "../util.js";

/**
 * The one sanitising step at the create boundary, driven by the attribute lists the emulator answers to
 * `attributes WHERE entitytype=<type>` (all attributes) and `… create=True` ({@link CREATE_ATTRIBUTES}).
 * A key that names an attribute the workspace sets (created, creator, progress, speed, size, `*_hr`, a status
 * where a create takes none, …) is refused with HTTP 400 naming the key, as is any key starting with `_`
 * (emulator-internal state). Keys that are not attributes at all (create options such as `allow_duplicates`,
 * `settings`, `invite`) are left to the handler, which reads the ones it knows: without evidence of how the
 * service treats unknown keys the emulator stays tolerant there.
 */

/** Stamped by the workspace on every entity: never taken from a create. */
const STAMPED = ["created", "creator", "modified", "modifier"];
/** Common attributes any create may carry besides its type's create list. */
const ALWAYS = ["code", "name", "description", "metadata"];

/** "a queue", "an acl". */
const article = (kind: string): string => `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}`;

/** The attributes a create of `kind` may set (job kinds share the transfer's list: one handler reads them all). */
export function creatable(kind: Kind): ReadonlySet<string> | undefined {
  const own = CREATE_ATTRIBUTES[kind];
  if (JOB_KINDS.includes(kind)) return new Set([...ALWAYS, ...(CREATE_ATTRIBUTES.transfer ?? []), ...(own ?? [])]);
  return own ? new Set([...ALWAYS, ...own]) : undefined;
}

/**
 * Checks the keys of a create of `kind`: refuses internal keys, workspace-set attributes and an `id` that is
 * not 24 lowercase hex characters or already exists (HTTP 409). `user` (a job's owner) is checked by the job
 * handler, which resolves it. Answers the data unchanged when it passes.
 */
export function sanitizeCreate(store: Store, kind: Kind, data: Record<string, unknown>): Record<string, unknown> {
  const settable = creatable(kind);
  const known = new Set([...STAMPED, ...(ATTRIBUTES[kind] ?? [])]);
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith("_")) fail.bad(`'${key}' cannot be set: keys starting with '_' are internal to the emulator`);
    if (key === "id") {
      if (!isId(value)) fail.bad(`'id' must be 24 lowercase hex characters, not ${JSON.stringify(value)}`);
      if (store.get(value as string)) fail.conflict(`An entity with id '${String(value)}' already exists`);
      continue;
    }
    if (key === "user" && JOB_KINDS.includes(kind)) continue;
    const workspaceSet = STAMPED.includes(key) || key.endsWith("_hr") || (settable !== undefined && known.has(key) && !settable.has(key));
    if (workspaceSet)
      fail.bad(`'${key}' cannot be set when creating ${article(kind)}: the workspace sets it` +
        (settable ? ` (${article(kind)} is created with: ${[...settable].join(", ")})` : ""));
  }
  return data;
}

/** Task keys the workspace sets: never taken from a create (`job` is the job the tasks are added to). */
const TASK_STAMPED = new Set([...STAMPED, "job", "finished", "time", "job_hr"]);
/** Statuses a task may be created with: waiting to run, held, or left out (a placeholder's `excluded`). */
const TASK_CREATE_STATUSES = new Set(["queued", "onhold", "excluded"]);

/**
 * Checks the keys of a task to add (create, `task/create`, `update_many` adds): workspace-set keys, internal keys
 * (`_…`, other than the uri and group marks the task reader adds) and a status a task cannot start in are refused
 * with HTTP 400 naming the key.
 */
export function sanitizeTask(input: Record<string, unknown>, where: string): void {
  for (const key of Object.keys(input)) {
    if (key.startsWith("_") && key !== "_group") fail.bad(`${where}: '${key}' cannot be set: keys starting with '_' are internal to the emulator`);
    if (TASK_STAMPED.has(key)) fail.bad(`${where}: '${key}' cannot be set when adding a task: the workspace sets it`);
  }
  if (input.status !== undefined && !TASK_CREATE_STATUSES.has(String(input.status).toLowerCase()))
    fail.bad(`${where}: a task is added ${[...TASK_CREATE_STATUSES].join(", ")}, not ${JSON.stringify(input.status)}`);
}
