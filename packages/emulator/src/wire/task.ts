import type { WireShape } from "./types.js";
import { taskEnd } from "./party.js";

/**
 * Meaning of the bracketed number in `job_hr` (`dailies-042[7](<id>)`) is not documented; both recorded
 * examples (doc/transfers.rst and the vectors) show 7, so the emulator renders the same.
 */
const JOB_HR_TAG = 7;

/** The attributes of the default task answer. */
const DOCUMENTED = new Set(["created", "destination", "finished", "id", "job", "job_hr", "priority", "size", "source", "status", "time", "uri"]);

/**
 * A task as the backend answers it (reference doc/transfers.rst, Query tasks): created, destination, finished,
 * id (a uuid), job, job_hr, priority, size, source, status, time, uri; `source`/`destination` are dicts.
 */
export const taskWire: WireShape = {
  render(ctx, e) {
    const job = typeof e.job === "string" ? ctx.store.get(e.job)?.entity : undefined;
    return {
      created: e.created, destination: taskEnd(ctx, e.destination, job, e.source), finished: e.finished ?? null, id: e.id, job: e.job,
      job_hr: job ? `${String(job.code ?? job.name ?? "")}[${JOB_HR_TAG}](${job.id})` : null, priority: e.priority ?? 1, size: e.size ?? 0,
      source: taskEnd(ctx, e.source, job, null), status: e.status, time: e.time ?? 0, uri: String(e.uri ?? ""),
    };
  },
  // Attributes a client gave its tasks beyond the documented ones (e.g. a compute task's `frames`) are kept and given when asked for.
  extra: (_ctx, e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("_") && !DOCUMENTED.has(k))),
};
