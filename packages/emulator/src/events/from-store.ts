import { JOB_KINDS, type Kind } from "../model.js";
import type { StoreChange } from "../store/changes.js";
import type { EventStream } from "./stream.js";

/** Attributes that move with progress: a change of only these is a progress event, not an entity update. */
const PROGRESS_KEYS = new Set(["progress", "speed", "etr", "size", "status", "finished"]);
/** Least time between two progress events of one job, unless a quarter is crossed. */
const PROGRESS_EVERY_MS = 250;

const isJob = (kind: Kind): boolean => (JOB_KINDS as readonly string[]).includes(kind);

/** The public attributes of a record (internal `_` keys left out). */
function publicOf(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (!k.startsWith("_")) out[k] = v;
  return out;
}

/**
 * Turns the store's committed changes into stream events: entity created/updated/deleted, job and task
 * transitions (with the failure reason the runner recorded), and throttled job progress.
 */
export class StoreEvents {
  private readonly lastProgress = new Map<string, { at: number; progress: number }>();

  constructor(private readonly stream: EventStream) {}

  /** Publishes the events of one committed batch. */
  publish(changes: readonly StoreChange[]): void {
    for (const c of changes) this.one(c);
  }

  private one(c: StoreChange): void {
    const code = typeof c.entity.code === "string" ? c.entity.code : undefined;
    const base = { entitytype: c.kind, id: c.id, ...(code ? { code } : {}) };
    if (c.op !== "updated") {
      if (c.op === "deleted") this.lastProgress.delete(c.id);
      this.stream.emit({ type: "entity", op: c.op, ...base, ...(c.op === "created" ? { changes: publicOf(c.entity) } : {}) });
      return;
    }
    const changed = c.changes ?? {};
    const tracked = isJob(c.kind) || c.kind === "task";
    const status = changed.status;
    if (tracked && status) this.transition(c, String(status.from ?? ""), String(status.to ?? ""));
    const rest = publicOf(Object.fromEntries(Object.entries(changed).filter(([k]) => !(tracked && PROGRESS_KEYS.has(k))).map(([k, v]) => [k, v.to])));
    if (Object.keys(rest).length > 0) this.stream.emit({ type: "entity", op: "updated", ...base, changes: rest });
    if (isJob(c.kind) && changed.progress) this.progress(c, Number(changed.progress.from ?? 0), Number(changed.progress.to ?? 0));
  }

  private transition(c: StoreChange, from: string, to: string): void {
    const e = c.entity;
    const reason = to === "failed" && typeof e._message === "string" ? e._message : undefined;
    const name = c.kind === "task" ? (typeof e.source === "string" ? e.source : String(e.uri ?? "")) : String(e.code ?? "");
    this.stream.emit({
      type: "transition", entitytype: c.kind, id: c.id, from, to, ...(name ? { name } : {}),
      ...(c.kind === "task" && typeof e.job === "string" ? { job: e.job } : {}), ...(reason ? { reason } : {}),
    });
    if (to !== "running" && to !== "executing") this.lastProgress.delete(c.id);
  }

  private progress(c: StoreChange, from: number, to: number): void {
    const now = Date.now();
    const last = this.lastProgress.get(c.id);
    const milestone = Math.floor(to / 25) > Math.floor(from / 25) && to < 100;
    if (!milestone && to < 100 && last && now - last.at < PROGRESS_EVERY_MS) return;
    this.lastProgress.set(c.id, { at: now, progress: to });
    const size = typeof c.entity.size === "number" ? { size: c.entity.size } : {};
    this.stream.emit({ type: "progress", entitytype: c.kind, id: c.id, progress: to, ...size, milestone });
  }
}
