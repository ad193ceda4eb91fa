import { JOB_KINDS, JOB_SETTABLE, type Kind } from "../model.js";
import { randomUUID } from "node:crypto";
import { ApiError, type Entity, fail, isObject, wireDate } from "../util.js";
import { clientOf, resolveEnd } from "../jobs/endpoints.js";
import { measureJob } from "../jobs/runner.js";
import { type Ctx, findUser } from "./context.js";
import { optString } from "./codes.js";
import { present } from "./output.js";

/** Task ids are uuids (reference doc/transfers.rst). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A task as given by a client. */
interface TaskInput {
  source: unknown;
  destination: unknown;
  [key: string]: unknown;
}

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
function taskList(raw: unknown, needSource = true): TaskInput[] {
  return tasksOf(raw, needSource).map((task) => {
    for (const end of [task.source, task.destination]) {
      if (typeof end === "string" && climbsUp(end)) fail.bad(`Invalid path '${end}': '..' is not allowed`);
    }
    return task;
  });
}

/** Reads the task inputs: a list, a dict of tasks keyed "0", "1", …, or one task. */
function tasksOf(raw: unknown, needSource: boolean): TaskInput[] {
  // `create("task", {source, destination})` wraps the one task in `tasks`
  const keyed = (o: Record<string, unknown>): boolean => !("source" in o) && Object.values(o).every(isObject);
  const list = Array.isArray(raw) ? raw : isObject(raw) ? (keyed(raw) ? Object.values(raw) : [raw]) : fail.bad("'tasks' must be a list or an object");
  return list.map((t, i) => {
    if (typeof t === "string") return { source: t, destination: null };
    if (!isObject(t)) return fail.bad(`Task ${i} must be an object with 'source' and 'destination'`);
    if (!needSource && t.source === undefined) return { ...t, source: null, destination: t.destination ?? null };
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
const same = (t: Entity, s: unknown, d: unknown): boolean =>
  typeof s === "string" && JSON.stringify(t.source) === JSON.stringify(s) && JSON.stringify(t.destination ?? null) === JSON.stringify(d ?? null);

/** Adds tasks to a job applying the duplicate rules; answers the created or retried tasks. */
export function addTasks(ctx: Ctx, job: Entity, inputs: TaskInput[], data: Record<string, unknown>): Entity[] {
  const existing = ctx.store.tasksOf(job.id);
  const out: Entity[] = [];
  let next = existing.length;
  for (const input of inputs) {
    const dup = existing.find((t) => same(t, input.source, input.destination));
    // Default and allow_duplicates=true: retry the existing task (the reference's wording); false refuses; replace replaces.
    if (dup) {
      if (data.allow_duplicates === false && data.replace_duplicates !== true)
        fail.conflict(`Duplicate task: '${String(input.source)}' is already in job ${job.id}`);
      const changes = data.replace_duplicates === true ? { ...input, status: "queued", size: 0, finished: null } : { status: "queued" };
      out.push(ctx.store.update(dup.id, changes, ctx.access.caller.user.id));
      continue;
    }
    out.push(ctx.store.insert("task", {
      id: typeof input.id === "string" && UUID.test(input.id) ? input.id : randomUUID(), job: job.id, uri: String(next++), status: "queued", priority: job.priority ?? 100,
      size: 0, time: 0, finished: null, metadata: {}, ...input, destination: input.destination ?? null,
    }));
  }
  const parties = new Set([...((job._parties as string[] | undefined) ?? []), ...partiesOf(ctx, inputs.flatMap((t) => [t.source, t.destination]))]);
  ctx.store.update(job.id, { _parties: [...parties], ...(job.status === "done" ? { status: "waiting", finished: null } : {}) });
  return out;
}

/** Refuses at create what cannot work: local sources without a client of the caller, unwritable share destinations. */
function validateEnds(ctx: Ctx, inputs: TaskInput[]): void {
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

/** Creates a job of `kind` (transfer, compute, delivery, request, stream). */
export function createJob(ctx: Ctx, kind: Kind, data: Record<string, unknown>): Record<string, unknown> {
  const inputs = data.tasks !== undefined ? taskList(data.tasks, kind !== "compute")
    : data.source !== undefined ? taskList([{ source: data.source, destination: data.destination ?? null }]) : [];
  const temporary = kind === "delivery" || kind === "request";
  if (data.append === true && kind === "transfer" && inputs.length > 0) {
    const me = ctx.access.caller.user.id;
    const recent = [...ctx.store.all("transfer")].reverse().find((j) => j.user === me && !j._inactive &&
      JSON.stringify(j.destination ?? null) === JSON.stringify(inputs[0]?.destination ?? null));
    if (recent) {
      addTasks(ctx, recent, inputs, {});
      ctx.store.update(recent.id, { _start: true, ...(recent.status === "done" || recent.status === "failed" ? { status: "init", finished: null } : {}) });
      return present(ctx, recent, undefined, "create");
    }
  }
  if (inputs.length === 0 && !temporary && kind !== "stream" && kind !== "compute" && data.code === undefined && data.name === undefined)
    fail.bad("A job needs 'tasks' or a 'source'");
  const requested = optString(data, "status");
  if (requested !== undefined && requested !== "init" && !JOB_SETTABLE.includes(requested)) fail.bad(`Invalid status '${requested}' for a new job`);
  const status = requested === undefined || requested === "waiting" ? "init" : requested;
  const start = requested === "waiting" || (requested === undefined && ctx.state.autoStart);
  if (kind === "transfer") validateEnds(ctx, inputs);
  const queue = [...ctx.store.all("queue")].find((q) => q.default);
  const parent = optString(data, "parent") ?? queue?.id ?? null;
  const parentEntity = data.parent !== undefined && parent !== null ? ctx.store.getOf([...JOB_KINDS, "queue"], parent) : undefined;
  if (data.parent !== undefined && parent !== null && !parentEntity) fail.notFound(`Parent ${parent} not found`);
  const parentKind = parentEntity ? ctx.store.get(parentEntity.id)?.kind : undefined;
  if (parentEntity && parentEntity.id !== queue?.id && ctx.access.level === "standard" && parentEntity.user !== ctx.access.caller.user.id) {
    const recipients = (parentEntity._recipients as Array<{ user: string }> | undefined) ?? [];
    if (parentKind !== "request" || !recipients.some((r) => r.user === ctx.access.caller.user.id))
      fail.forbidden("You cannot upload into a delivery that is not yours");
  }
  if (parentKind === "request" && parentEntity && parentEntity.user !== ctx.access.caller.user.id && !["pending", "waiting", "running"].includes(String(parentEntity.status)))
    fail.bad(`Request ${parentEntity.id} is ${String(parentEntity.status)}: uploads are accepted once it is submitted (status 'pending') and until it is done`);
  if (data.allow_duplicates === false) {
    for (const t of ctx.store.all("task")) {
      const j = typeof t.job === "string" ? ctx.store.get(t.job)?.entity : undefined;
      if (j && j.user === ctx.access.caller.user.id && j.status !== "done" && j.status !== "aborted" && inputs.some((i) => same(t, i.source, i.destination)))
        fail.conflict(`Duplicate task: '${String(t.source)}' is already in job ${j.id}`);
    }
  }
  const first = typeof inputs[0]?.source === "string" ? (inputs[0].source.split(/[\\/=]/).pop() ?? "") : "";
  const name = optString(data, "name") ?? (typeof data.code === "string" ? data.code : first || kind);
  const { tasks: _t, source: _s, destination: _d, allow_duplicates: _a, replace_duplicates: _r, status: _st, append: _ap, recipients, ...rest } = data;
  const me = ctx.access.caller.user.id;
  const recips = Array.isArray(recipients) ? recipients.map((r) => findUser(ctx.store, r)?.id).filter((x): x is string => !!x) : [];
  const job = ctx.store.insert(kind, {
    name, status, progress: 0, size: 0, speed: -1, etr: null, finished: null, priority: 100, metadata: {}, description: "",
    source: inputs[0]?.source ?? null, destination: inputs[0]?.destination ?? data.destination ?? null, user: me, ...rest,
    code: typeof data.code === "string" ? data.code : name, parent: parent ?? null,
    ...(temporary ? { expires: wireDate(new Date(Date.now() + 8 * 3600_000)) } : {}),
    _parties: [me], _recipients: recips.map((user) => ({ user, actioned: false })), _start: (kind === "transfer" || kind === "compute") && start,
  }, me);
  addTasks(ctx, job, inputs, {});
  if (kind === "transfer" && status === "paused") measureJob(ctx, job);
  return present(ctx, job, undefined, "create");
}

/** `task/create` with `id` = job: adds tasks under the duplicate rules. */
export function createTasks(ctx: Ctx, jobId: string, data: Record<string, unknown>): Record<string, unknown>[] {
  const job = ctx.store.getOf(JOB_KINDS, jobId);
  if (!job || !ctx.access.canSee(ctx.store.get(jobId)?.kind ?? "transfer", job)) return fail.notFound(`Job ${jobId} not found`);
  const needSource = ctx.store.get(jobId)?.kind !== "compute";
  const inputs = data.tasks !== undefined ? taskList(data.tasks, needSource) : taskList([data], needSource);
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
