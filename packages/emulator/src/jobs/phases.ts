import type { Store } from "../store/store.js";
import { type Entity, wireDate } from "../util.js";
import { dispatchOrder } from "./order.js";

/** Job kinds that move no files themselves: their statuses advance by rules of their own. */
export type PhasedKind = "request" | "stream" | "compute";

/** A recipient entry of a delivery, request or stream. */
export interface RecipientEntry {
  user: string;
  actioned: boolean;
}

const recipientsOf = (job: Entity): RecipientEntry[] => (job._recipients as RecipientEntry[] | undefined) ?? [];

function done(store: Store, job: Entity): void {
  store.update(job.id, { status: "done", progress: 100, speed: -1, etr: null, finished: wireDate() });
}

/**
 * One step of a request, stream or compute job:
 * - request: submitted (`pending`) → `waiting` for its recipients' uploads → `done` once every recipient has uploaded;
 * - stream: submitted (`pending`) → `waiting` → `running` (live for its recipients) until its owner sets `done` or `aborted`;
 * - compute: started (`init`) → `waiting` → `running`, one task per step `queued` → `executing` → `done`, then `done`
 *   (`failed` when a task was failed, `paused` when the remaining tasks are on hold). Nothing is executed.
 */
export function stepPhased(store: Store, kind: PhasedKind, job: Entity): void {
  const status = job.status;
  if (status === "pending") return void store.update(job.id, { status: "waiting" });
  if (kind === "request") {
    const recipients = recipientsOf(job);
    if (status === "waiting" && recipients.length > 0 && recipients.every((r) => r.actioned)) done(store, job);
    return;
  }
  if (kind === "stream") {
    if (status === "waiting") store.update(job.id, { status: "running", speed: 0 });
    return;
  }
  if (status === "init" && job._start) return void store.update(job.id, { status: "waiting", _start: false });
  if (status === "waiting") return void store.update(job.id, { status: "running", speed: 0 });
  if (status === "running") stepCompute(store, job);
}

function stepCompute(store: Store, job: Entity): void {
  const tasks = store.tasksOf(job.id).sort(dispatchOrder);
  const executing = tasks.find((t) => t.status === "executing");
  if (executing) store.update(executing.id, { status: "done", finished: wireDate() });
  else {
    // A task with sub tasks (a group, job-specification.md "Nested compute jobs") is not executed itself.
    const queued = tasks.find((t) => t.status === "queued" && t._group !== true);
    if (queued) store.update(queued.id, { status: "executing" });
  }
  for (const group of tasks.filter((t) => t._group === true && t.status === "queued")) {
    const below = tasks.filter((t) => String(t.uri).startsWith(`${String(group.uri)}/`));
    if (below.every((t) => t.status === "done" || t.status === "excluded")) store.update(group.id, { status: "done", finished: wireDate() });
  }
  const now = store.tasksOf(job.id);
  const finished = now.filter((t) => t.status === "done" || t.status === "excluded").length;
  const open = now.filter((t) => t.status !== "done" && t.status !== "excluded");
  const progress = Math.floor((finished / Math.max(1, now.length)) * 100);
  if (open.some((t) => t.status === "queued" || t.status === "executing")) store.update(job.id, { progress });
  else if (open.some((t) => t.status === "failed")) store.update(job.id, { status: "failed", speed: -1, progress });
  else if (open.length > 0) store.update(job.id, { status: "paused", speed: -1, progress });
  else done(store, job);
}

/**
 * Marks `userId` as having actioned `request` (its upload into the request is done).
 * Answers true when the user is one of the request's recipients.
 */
export function markActioned(store: Store, job: Entity, userId: string): boolean {
  const recipients = recipientsOf(job);
  if (!recipients.some((r) => r.user === userId)) return false;
  store.update(job.id, { _recipients: recipients.map((r) => (r.user === userId ? { ...r, actioned: true } : r)) });
  return true;
}
