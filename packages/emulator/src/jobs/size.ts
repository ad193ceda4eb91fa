import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Ctx } from "../context.js";
import { ApiError, type Entity } from "../util.js";
import { resolveEnd } from "./endpoints.js";

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
