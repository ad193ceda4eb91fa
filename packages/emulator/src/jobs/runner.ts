import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Ctx, EmulatorState } from "../handlers/context.js";
import { ApiError, codeFromName, type Entity, wireDate } from "../util.js";
import { clientOf, ctxFor, type Endpoint, resolveEnd, sandbox } from "./endpoints.js";
import { markActioned, stepPhased } from "./phases.js";

/** How fast simulated transfers move bytes. */
export interface RunnerOptions {
  /** Bytes per second per job; 0 (or Infinity) completes every task on the next tick. Default 50 MiB/s. */
  rate?: number;
  /** Tick interval in milliseconds (default 20). */
  tickMs?: number;
}

/** Size in bytes of a file or directory tree (0 when missing). */
export function sizeOf(abs: string): number {
  let s;
  try {
    s = statSync(abs);
  } catch {
    return 0;
  }
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const name of readdirSync(abs)) total += sizeOf(join(abs, name));
  return total;
}

const num = (uri: unknown): number => Number(uri ?? 0);

/**
 * Measures the `size` of a job's queued tasks and of the job, as its user (a transfer created `paused`, or one
 * that starts running, so that `progress` never goes backwards); unreadable sources count 0 until their task runs.
 */
export function measureJob(ctx: Ctx, job: Entity): void {
  let total = 0;
  for (const t of ctx.store.tasksOf(job.id)) {
    if (t.status === "queued") {
      try {
        ctx.store.update(t.id, { size: sizeOf(resolveEnd(ctx, t.source, false).abs) });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
      }
    }
    if (t.status !== "excluded") total += Number(t.size ?? 0);
  }
  ctx.store.update(job.id, { size: total });
}

/** A safe directory name for a job's files in a recipient's sandbox: its code made path-safe, else its id. */
function folderName(job: Entity): string {
  const name = codeFromName(String(job.code ?? ""));
  return /^\.*$/.test(name) ? job.id : name;
}

/** Moves jobs through their statuses and copies files for real, at a configurable rate. */
export class JobRunner {
  private readonly timer: NodeJS.Timeout;
  private last = Date.now();
  private readonly rate: number;

  constructor(
    private readonly state: EmulatorState,
    options: RunnerOptions = {},
  ) {
    this.rate = options.rate === undefined ? 50 * 1024 * 1024 : options.rate;
    this.timer = setInterval(() => this.tick(), options.tickMs ?? 20);
    this.timer.unref();
  }

  /** Stops ticking. */
  stop(): void {
    clearInterval(this.timer);
  }

  /** One step of every runnable job. */
  tick(): void {
    const now = Date.now();
    const dt = Math.max(1, now - this.last) / 1000;
    this.last = now;
    const budget = this.rate > 0 && Number.isFinite(this.rate) ? this.rate * dt : Infinity;
    const { store } = this.state;
    const RUNNABLE = new Set(["init", "pending", "waiting", "running"]);
    for (const kind of ["transfer", "delivery", "request", "stream", "compute"] as const) {
      const runnable: Entity[] = [];
      for (const job of store.all(kind)) if (RUNNABLE.has(String(job.status)) && !job._inactive) runnable.push(job);
      for (const job of runnable) {
        try {
          store.transaction(() => (kind === "transfer" || kind === "delivery" ? this.step(kind, job, budget) : stepPhased(store, kind, job)));
        } catch (err) {
          store.update(job.id, { status: "failed", _message: (err as Error).message });
        }
      }
    }
  }

  private step(kind: "transfer" | "delivery", job: Entity, budget: number): void {
    const { store } = this.state;
    if (job.status === "init" && job._start) store.update(job.id, { status: "waiting", _start: false });
    else if (job.status === "pending" && kind === "delivery") store.update(job.id, { status: "waiting" });
    else if (job.status === "waiting") {
      const owner = typeof job.user === "string" ? store.get(job.user)?.entity : undefined;
      if (kind === "transfer" && owner) measureJob(ctxFor(this.state, owner), job);
      store.update(job.id, { status: "running", speed: 0 });
    }
    else if (job.status === "running") this.run(kind, job, budget);
  }

  private destinations(kind: "transfer" | "delivery", job: Entity, task: Entity, owner: Entity): Endpoint[] {
    const ctx = ctxFor(this.state, owner);
    if (kind === "delivery") {
      const recipients = (job._recipients as Array<{ user: string }> | undefined) ?? [];
      return recipients.map((r) => {
        const c = clientOf(ctx, r.user);
        if (!c) throw new ApiError(400, `Recipient ${r.user} has no client to download to`);
        const dir = join(sandbox(this.state, "clients", c.id), folderName(job));
        mkdirSync(dir, { recursive: true });
        return { abs: dir, container: true };
      });
    }
    if (task.destination === null || task.destination === undefined) {
      const parent = typeof job.parent === "string" ? this.state.store.get(job.parent) : undefined;
      if (parent?.kind === "request" && typeof parent.entity.destination === "string") {
        // A request's uploads land where its owner asked (the owner's rights apply).
        const requester = typeof parent.entity.user === "string" ? this.state.store.get(parent.entity.user)?.entity : undefined;
        if (requester) return [resolveEnd(ctxFor(this.state, requester), parent.entity.destination, true)];
      }
      if (parent?.kind === "delivery" || parent?.kind === "request") return [resolveEnd(ctx, `delivery=${parent.entity.id}/`, true)];
      return [resolveEnd(ctx, `${String(owner.code)}:/`, true)];
    }
    return [resolveEnd(ctx, task.destination, true)];
  }

  private run(kind: "transfer" | "delivery", job: Entity, budget: number): void {
    const { store: st } = this.state;
    const tasks = st.tasksOf(job.id).sort((a, b) => num(a.uri) - num(b.uri));
    const current = tasks.find((t) => t.status === "executing") ?? tasks.find((t) => t.status === "queued");
    const owner = typeof job.user === "string" ? st.get(job.user)?.entity : undefined;
    if (!current || !owner) return this.finish(job, tasks);
    let left = budget;
    let task: Entity | undefined = current;
    while (task && left > 0) {
      if (task.status === "queued") {
        try {
          const src = resolveEnd(ctxFor(this.state, owner), task.source, false);
          if (!existsSync(src.abs)) throw new ApiError(404, `Source '${String(task.source)}' does not exist`);
          this.destinations(kind, job, task, owner);
          st.update(task.id, { status: "executing", size: sizeOf(src.abs), _bytes: 0 });
        } catch (err) {
          st.update(task.id, { status: "failed", finished: wireDate(), _message: (err as Error).message });
          task = tasks.find((t) => t.status === "queued");
          continue;
        }
      }
      const size = Number(task.size ?? 0);
      const done = Math.min(size, Number(task._bytes ?? 0) + left);
      left -= done - Number(task._bytes ?? 0);
      if (done < size) {
        st.update(task.id, { _bytes: done });
        break;
      }
      this.complete(kind, job, task, owner);
      task = tasks.find((t) => t.status === "queued");
    }
    const total = tasks.reduce((s, t) => s + (t.status === "excluded" ? 0 : Number(t.size ?? 0)), 0);
    const moved = tasks.reduce((s, t) => s + (t.status === "done" ? Number(t.size ?? 0) : Number(t._bytes ?? 0)), 0);
    const speed = Number.isFinite(this.rate) && this.rate > 0 ? this.rate / 1e6 : 0;
    st.update(job.id, {
      size: total, progress: total > 0 ? Math.floor((moved / total) * 100) : 0, speed,
      etr: speed > 0 ? Math.ceil((total - moved) / this.rate) : 0,
    });
  }

  private complete(kind: "transfer" | "delivery", job: Entity, task: Entity, owner: Entity): void {
    const st = this.state.store;
    const src = resolveEnd(ctxFor(this.state, owner), task.source, false);
    const name = basename(src.abs);
    for (const dest of this.destinations(kind, job, task, owner)) {
      const target = dest.container || (existsSync(dest.abs) && statSync(dest.abs).isDirectory()) ? join(dest.abs, name) : dest.abs;
      mkdirSync(dirname(target), { recursive: true });
      cpSync(src.abs, target, { recursive: true });
      if (dest.share?.kind === "delivery" && job.parent === dest.share.share.id) {
        const n = st.tasksOf(dest.share.share.id).length;
        st.insert("task", { job: dest.share.share.id, uri: String(n), source: `delivery=${dest.share.share.id}/${name}`, destination: null,
          status: "queued", priority: 100, size: sizeOf(target), time: 0, finished: null, metadata: {} });
      }
    }
    st.update(task.id, { status: "done", _bytes: task.size, finished: wireDate() });
  }

  private finish(job: Entity, tasks: Entity[]): void {
    const st = this.state.store;
    const open = tasks.filter((t) => t.status !== "done" && t.status !== "excluded");
    if (open.some((t) => t.status === "failed")) {
      const msg = open.find((t) => t.status === "failed")?._message;
      st.update(job.id, { status: "failed", speed: -1, _message: msg });
    } else if (open.length > 0 && open.every((t) => t.status === "onhold")) st.update(job.id, { status: "paused", speed: -1 });
    else {
      st.update(job.id, { status: "done", progress: 100, speed: -1, etr: null, finished: wireDate() });
      // Recipients of a finished delivery have received it; an upload into a request actions its uploader.
      for (const r of (job._recipients as Array<{ user: string }> | undefined) ?? []) markActioned(st, st.get(job.id)?.entity ?? job, r.user);
      const parent = typeof job.parent === "string" ? st.get(job.parent) : undefined;
      if (parent?.kind === "request" && typeof job.user === "string") markActioned(st, parent.entity, job.user);
    }
  }
}
