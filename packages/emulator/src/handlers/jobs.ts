import { JOB_KINDS } from "../model.js";
import { randomUUID } from "node:crypto";
import { ApiError, type Entity, fail, isObject } from "../util.js";
import { clientOf, resolveEnd } from "../jobs/endpoints.js";
import { type Ctx, findUser } from "../context.js";
import type { TaskInput } from "./job-parent.js";
import { metadataOf, priorityOf, settingsOf } from "../jobs/spec.js";
import { destinationOf, inheritedDestination, normalizeEnd } from "./mirror.js";
import { present } from "./output.js";
import { sanitizeTask } from "./create-keys.js";

/** Task ids are uuids (reference doc/transfers.rst). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The path part of a task end: after `site=<code>:`, `client=<id>:` or `<e-mail>:`, else the whole spec. */
const PATH_OF_END = /^(?:site=[^:]+|client=[0-9a-f]{24}|[^:/\\\s]+@[^:/\\\s]+):(.*)$/i;

/** True when a task end names a `..` segment (refused wherever it points). */
function climbsUp(spec: string): boolean {
  const path = PATH_OF_END.exec(spec)?.[1] ?? spec;
  return path.split(/[\\/]+/).includes("..");
}

/**
 * The tasks of a create; compute tasks (work items, e.g. frame ranges) need no `source`. A `..`
 * segment in any path is refused here, before anything is stored, whichever way tasks are added.
 */
export function taskList(raw: unknown, needSource = true): TaskInput[] {
  return tasksOf(raw, needSource).map((task) => {
    for (const end of [task.source, task.destination]) {
      if (typeof end === "string" && climbsUp(end)) fail.bad(`Invalid path '${end}': '..' is not allowed`);
    }
    return task;
  });
}

/**
 * A dict of tasks keyed by uri, flattened: the keys are the task uris the caller chose ("0", "1", or names), nested
 * `tasks` give `<parent>/<child>` uris and make the parent a group (accsyn doc developer/job-specification.md, "C)"
 * and "Nested compute jobs": "EP000_…/pickup/0").
 */
function keyedTasks(o: Record<string, unknown>, prefix: string): unknown[] {
  return Object.entries(o).flatMap(([key, t]) => {
    if (!isObject(t)) return fail.bad(`Task '${prefix}${key}' must be an object`);
    const uri = `${prefix}${key}`;
    const { tasks: sub, ...rest } = t;
    return isObject(sub) ? [{ ...rest, _uri: uri, _group: true }, ...keyedTasks(sub, `${uri}/`)] : [{ ...rest, _uri: uri }];
  });
}

/** Reads the task inputs: a list, a dict of tasks keyed by uri, or one task. */
function tasksOf(raw: unknown, needSource: boolean): TaskInput[] {
  // `create("task", {source, destination})` wraps the one task in `tasks`
  const keyed = (o: Record<string, unknown>): boolean => !("source" in o) && Object.values(o).every(isObject);
  const list = Array.isArray(raw) ? raw : isObject(raw) ? (keyed(raw) ? keyedTasks(raw, "") : [raw]) : fail.bad("'tasks' must be a list or an object");
  return list.map((t, i) => {
    if (typeof t === "string") return { source: t, destination: null };
    if (!isObject(t)) return fail.bad(`Task ${i} must be an object with 'source' and 'destination'`);
    if ((!needSource || t._group === true) && t.source === undefined) return { ...t, source: null, destination: t.destination ?? null };
    if (typeof t.source !== "string" || t.source === "") return fail.bad(`Task ${i} has no 'source'`);
    if (t.destination !== undefined && t.destination !== null && typeof t.destination !== "string" && !isObject(t.destination))
      return fail.bad(`Task ${i} has an invalid 'destination'`);
    return t as TaskInput;
  });
}

/** User ids named as parties in a source or destination (`lisa@example.com:/path`, `client=<id>`). */
function partiesOf(ctx: Ctx, ends: unknown[]): string[] {
  const ids = new Set<string>();
  for (const end of ends) {
    if (typeof end !== "string") continue;
    const m = /^(?:client=([0-9a-f]{24})|([^:=/\s]+@[^:/\s]+))/.exec(end);
    if (m?.[1]) {
      const owner = ctx.store.getOf(["client"], m[1])?.user;
      if (typeof owner === "string") ids.add(owner);
    } else if (m?.[2]) {
      const u = findUser(ctx.store, m[2].split("@").length > 2 ? m[2].slice(m[2].indexOf("@") + 1) : m[2]);
      if (u) ids.add(u.id);
    }
  }
  return [...ids];
}

/** True when task `t` has source `s` and destination `d` (tasks without a source, as compute tasks, are never duplicates). */
export const same = (t: Entity, s: unknown, d: unknown): boolean =>
  typeof s === "string" && JSON.stringify(t.source) === JSON.stringify(s) && JSON.stringify(t.destination ?? null) === JSON.stringify(d ?? null);

/** Adds tasks to a job applying the duplicate rules; answers the created or retried tasks. */
export function addTasks(ctx: Ctx, job: Entity, inputs: TaskInput[], data: Record<string, unknown>): Entity[] {
  const existing = ctx.store.tasksOf(job.id);
  const out: Entity[] = [];
  let next = Math.max(existing.length, ...existing.map((t) => Number(t.uri) + 1).filter(Number.isInteger));
  for (const { _uri: uri, ...input } of inputs) {
    sanitizeTask(input, `Task ${JSON.stringify(uri ?? input.source ?? "")}`);
    // A task whose uri or source and destination are already in the job is that task again: it is retried.
    const dup = existing.find((t) => (uri !== undefined && t.uri === uri) || same(t, input.source, input.destination));
    // Default and allow_duplicates=true: retry the existing task (the reference's wording); false refuses; replace replaces.
    if (dup) {
      if (data.allow_duplicates === false && data.replace_duplicates !== true)
        fail.conflict(`Duplicate task: '${String(input.source)}' is already in job ${job.id}`);
      const changes = data.replace_duplicates === true ? { ...input, status: "queued", size: 0, finished: null } : { status: "queued" };
      out.push(ctx.store.update(dup.id, changes, ctx.access.caller.user.id));
      continue;
    }
    out.push(ctx.store.insert("task", {
      id: typeof input.id === "string" && UUID.test(input.id) ? input.id : randomUUID(), job: job.id, status: "queued", size: 0, time: 0, finished: null,
      ...input, uri: typeof uri === "string" ? uri : String(next++), destination: input.destination ?? null,
      priority: priorityOf(input.priority, "task"), metadata: metadataOf(input.metadata, "task"),
      ...(input.settings !== undefined ? { settings: settingsOf(input.settings, "task") } : {}),
    }));
  }
  const parties = new Set([...((job._parties as string[] | undefined) ?? []), ...partiesOf(ctx, inputs.flatMap((t) => [t.source, t.destination]))]);
  ctx.store.update(job.id, { _parties: [...parties], ...(job.status === "done" ? { status: "waiting", finished: null } : {}) });
  return out;
}

/** Refuses at create what cannot work: local sources without a client of the caller, unwritable share destinations. */
export function validateEnds(ctx: Ctx, inputs: TaskInput[]): void {
  for (const t of inputs) {
    if (typeof t.source === "string" && /^([a-z]:)?[\\/]/i.test(t.source) && !clientOf(ctx, ctx.access.caller.user.id))
      fail.bad(`You have no client (app or user server): cannot upload '${t.source}'`);
    if (typeof t.destination === "string" && /^(share|volume|folder|home|delivery)=/i.test(t.destination)) {
      try {
        resolveEnd(ctx, t.destination, true);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 404) throw err;
      }
    }
  }
}

/** `task/create` with `id` = job: adds tasks under the duplicate rules. */
export function createTasks(ctx: Ctx, jobId: string, data: Record<string, unknown>): Record<string, unknown>[] {
  const job = ctx.store.getOf(JOB_KINDS, jobId);
  if (!job || !ctx.access.canSee(ctx.store.get(jobId)?.kind ?? "transfer", job)) return fail.notFound(`Job ${jobId} not found`);
  const needSource = ctx.store.get(jobId)?.kind !== "compute";
  const given = data.tasks !== undefined ? taskList(data.tasks, needSource) : taskList([data], needSource);
  // A task added without a destination inherits its job's (mirrored); `~` and workspace-code prefixes are expanded.
  const inputs = !needSource ? given : given.map((t) => ({ ...t, source: normalizeEnd(ctx, t.source),
    destination: destinationOf(ctx, normalizeEnd(ctx, t.source), t.destination ?? inheritedDestination(ctx, job)) }));
  return addTasks(ctx, job, inputs, data).map((t) => present(ctx, t));
}

const TASK_STATUS = new Map<string, string>([["queued", "queued"], ["failed", "failed"], ["onhold", "onhold"], ["paused", "onhold"], ["excluded", "excluded"], ["done", "done"]]);

/** `task/edit` with a list (update_many): status, priority and metadata of tasks addressed by id or uri. */
export function updateTasks(ctx: Ctx, jobId: string, list: unknown[]): Record<string, unknown>[] {
  const hit = ctx.store.get(jobId);
  if (!hit || !JOB_KINDS.includes(hit.kind) || !ctx.access.canWrite(hit.kind, hit.entity)) return fail.notFound(`Job ${jobId} not found`);
  const tasks = ctx.store.tasksOf(jobId);
  const updated = list.map((item, i) => {
    if (!isObject(item)) return fail.bad(`Item ${i} must be an object`);
    const task = tasks.find((t) => (item.id !== undefined && t.id === item.id) || (item.uri !== undefined && t.uri === String(item.uri)));
    if (!task) return fail.notFound(`Task ${String(item.id ?? item.uri)} not found in job ${jobId}`);
    const changes: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item)) {
      if (k === "id" || k === "uri") continue;
      if (k === "status") {
        const s = typeof v === "string" ? TASK_STATUS.get(v.toLowerCase()) : undefined;
        if (!s) return fail.bad(`Invalid task status '${String(v)}'`);
        changes.status = s;
      } else if (k === "priority") {
        if (typeof v !== "number") return fail.bad("'priority' must be a number");
        changes.priority = v;
      } else if (k === "metadata") {
        if (!isObject(v)) return fail.bad("'metadata' must be an object");
        changes.metadata = v;
      } else return fail.bad(`Task attribute '${k}' cannot be changed (only status, priority, metadata)`);
    }
    return { task, changes };
  });
  const out = updated.map(({ task, changes }) => ctx.store.update(task.id, changes, ctx.access.caller.user.id));
  const open = tasks.filter((t) => t.status !== "done" && t.status !== "excluded");
  if (open.length > 0 && open.every((t) => t.status === "onhold")) ctx.store.update(jobId, { status: "paused" });
  return out.map((t) => present(ctx, t));
}
