import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { EmulatorState } from "../context.js";
import { ApiError, codeFromName, type Entity, wireDate } from "../util.js";
import { copyTask, deletesExcluded } from "./copy.js";
import { actionParent, stepDelivery } from "./deliveries.js";
import { ctxFor, type Endpoint, resolveEnd } from "./endpoints.js";
import { failureReason, notFoundReason } from "./failure.js";
import { dispatchOrder } from "./order.js";
import { stepPhased } from "./phases.js";
import { measureJob, sizeOf } from "./size.js";
import { Throughput } from "./throughput.js";

/** How fast simulated transfers move bytes. */
export interface RunnerOptions {
  /** Bytes per second per job; 0 (or Infinity) completes every task on the next tick. Default 50 MiB/s. */
  rate?: number;
  /** Tick interval in milliseconds (default 20). */
  tickMs?: number;
  /**
   * How long a job stays `waiting` before a client (or server) picks it up, in milliseconds (default 1000): a real
   * job waits for its client's next check-in, it does not start within milliseconds. 0 picks jobs up on the next tick.
   */
  pickupMs?: number;
}

/** Default of {@link RunnerOptions.pickupMs}. */
export const DEFAULT_PICKUP_MS = 1000;


/** A safe directory name for a job's files at a recipient: its code made path-safe, else its id. */
export function folderName(job: Entity): string {
  const name = codeFromName(String(job.code ?? ""));
  return /^\.*$/.test(name) ? job.id : name;
}

/** Where a file named `name` lands at an endpoint: inside it when it is a folder, else the endpoint itself. */
function targetOf(dest: Endpoint, name: string): string {
  return dest.container || (existsSync(dest.abs) && statSync(dest.abs).isDirectory()) ? join(dest.abs, name) : dest.abs;
}

/** Moves jobs through their statuses and copies files for real, at a configurable rate. */
export class JobRunner {
  private readonly timer: NodeJS.Timeout;
  private last = Date.now();
  private readonly rate: number;
  private readonly pickupMs: number;
  /** When each job now `waiting` was first seen waiting (ms since epoch). */
  private readonly waitingSince = new Map<string, number>();
  /** Bytes really copied over time, per running job (`speed`, `etr`). */
  private readonly throughput = new Throughput();

  constructor(
    private readonly state: EmulatorState,
    options: RunnerOptions = {},
  ) {
    this.rate = options.rate === undefined ? 50 * 1024 * 1024 : options.rate;
    this.pickupMs = options.pickupMs ?? DEFAULT_PICKUP_MS;
    this.timer = setInterval(() => this.tick(), options.tickMs ?? 20);
    this.timer.unref();
  }

  /** Forgets what it saw of jobs (after the store was reset). */
  forget(): void {
    this.waitingSince.clear();
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
    const waiting = new Set<string>();
    for (const kind of ["transfer", "delivery", "request", "stream", "compute"] as const) {
      const runnable: Entity[] = [];
      for (const job of store.all(kind)) if (RUNNABLE.has(String(job.status)) && !job._inactive) runnable.push(job);
      for (const job of runnable) {
        if (job.status === "waiting") {
          waiting.add(job.id);
          const since = this.waitingSince.get(job.id) ?? now;
          this.waitingSince.set(job.id, since);
          if (now - since < this.pickupMs) continue;
        }
        try {
          store.transaction(() => (kind === "transfer" ? this.step(job, budget) : kind === "delivery" ? stepDelivery(this.state, job) : stepPhased(store, kind, job)));
        } catch (err) {
          store.update(job.id, { status: "failed", _message: failureReason(err) });
        }
      }
    }
    for (const id of this.waitingSince.keys()) if (!waiting.has(id)) this.waitingSince.delete(id);
  }

  private step(job: Entity, budget: number): void {
    const { store } = this.state;
    if (job.status === "init" && job._start) store.update(job.id, { status: "waiting", _start: false });
    else if (job.status === "waiting") {
      const owner = typeof job.user === "string" ? store.get(job.user)?.entity : undefined;
      if (owner) measureJob(ctxFor(this.state, owner), job);
      store.update(job.id, { status: "running", speed: 0 });
    }
    else if (job.status === "running") this.run(job, budget);
  }

  private destinations(job: Entity, task: Entity, owner: Entity): Endpoint[] {
    const ctx = ctxFor(this.state, owner);
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

  private run(job: Entity, budget: number): void {
    const { store: st } = this.state;
    const tasks = st.tasksOf(job.id).sort(dispatchOrder);
    const current = tasks.find((t) => t.status === "executing") ?? tasks.find((t) => t.status === "queued");
    const owner = typeof job.user === "string" ? st.getOf(["user"], job.user) : undefined;
    if (!owner) {
      // No owner, no rights to read or write with: the job fails (never a `done` with nothing copied), with the
      // documented code and wording (accsyn docs, errors.md: "E#J065 User '..'(..) dissappeared.").
      st.update(job.id, { status: "failed", speed: -1, etr: null, _message: `E#J065 User '${String(job.user ?? "")}' dissappeared. The owner of this job is no longer a user of the workspace: give the job to another user.` });
      return;
    }
    if (!current) return this.finish(job, tasks);
    let left = budget;
    let task: Entity | undefined = current;
    while (task && left > 0) {
      if (task.status === "queued") {
        try {
          const src = resolveEnd(ctxFor(this.state, owner), task.source, false);
          if (!existsSync(src.abs)) throw new ApiError(404, notFoundReason(String(task.source), src.share !== undefined));
          this.destinations(job, task, owner);
          st.update(task.id, { status: "executing", size: sizeOf(src.abs), _bytes: 0 });
        } catch (err) {
          st.update(task.id, { status: "failed", finished: wireDate(), _message: failureReason(err) });
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
      this.complete(job, task, owner);
      task = tasks.find((t) => t.status === "queued");
    }
    const total = tasks.reduce((s, t) => s + (t.status === "excluded" ? 0 : Number(t.size ?? 0)), 0);
    const moved = tasks.reduce((s, t) => s + (t.status === "done" ? Number(t.size ?? 0) : Number(t._bytes ?? 0)), 0);
    const bytesPerSecond = this.throughput.sample(job.id, moved);
    st.update(job.id, {
      size: total, progress: total > 0 ? Math.floor((moved / total) * 100) : 0, speed: bytesPerSecond / 1e6,
      etr: bytesPerSecond > 0 ? Math.ceil((total - moved) / bytesPerSecond) : null,
    });
  }

  private complete(job: Entity, task: Entity, owner: Entity): void {
    const st = this.state.store;
    const src = resolveEnd(ctxFor(this.state, owner), task.source, false);
    const name = basename(src.abs);
    for (const dest of this.destinations(job, task, owner)) {
      const target = targetOf(dest, name);
      mkdirSync(dirname(target), { recursive: true });
      copyTask(st, task, src.abs, target);
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
    this.throughput.forget(job.id);
    const open = tasks.filter((t) => t.status !== "done" && t.status !== "excluded");
    if (open.some((t) => t.status === "failed")) {
      const msg = open.find((t) => t.status === "failed")?._message;
      st.update(job.id, { status: "failed", speed: -1, _message: msg });
    } else if (open.length > 0 && open.every((t) => t.status === "onhold")) st.update(job.id, { status: "paused", speed: -1 });
    else {
      st.update(job.id, { status: "done", progress: 100, speed: -1, etr: null, finished: wireDate() });
      actionParent(this.state, job);
      const owner = typeof job.user === "string" ? st.get(job.user)?.entity : undefined;
      if (owner && deletesExcluded(st, job))
        for (const t of tasks.filter((x) => x.status === "excluded" && typeof x.source === "string")) {
          const name = basename(String(t.source).replace(/[\\/]+$/, ""));
          for (const dest of this.destinations(job, t, owner)) rmSync(targetOf(dest, name), { recursive: true, force: true });
        }
    }
  }
}
