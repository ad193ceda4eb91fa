/** The jobs of one type as the page keeps them: read in pages through the API, then kept live from the stream. */
import { signal } from "@preact/signals";
import { call } from "./api";
import { listen, type LiveEvent } from "./live";

/** A job row. */
export type JobRow = Record<string, unknown> & { id: string };

/** Jobs read by the first call (the list shows them at once), then per call. */
const FIRST_PAGE = 200;
const PAGE = 2500;
/** The attributes the list shows. */
const ATTRIBUTES = ["id", "code", "status", "progress", "size", "created", "user"];

/** The jobs shown, in creation order. */
export const jobs = signal<JobRow[]>([]);
/** The job type shown. */
export const jobType = signal("transfer");
/** Milliseconds the last full read took (for the 10,000-jobs measure). */
export const loadMs = signal(0);

let index = new Map<string, JobRow>();
let dirty = false;
let timer: number | undefined;

function publish(): void {
  timer = undefined;
  if (!dirty) return;
  dirty = false;
  jobs.value = [...index.values()];
}

function patch(e: LiveEvent): void {
  if (e.type === "reset") {
    void loadJobs(jobType.value).catch(() => undefined);
    return;
  }
  if (e.entitytype !== jobType.value) return;
  const id = String(e.id);
  const row = index.get(id);
  if (e.type === "entity" && e.op === "created") index.set(id, { ...(e.changes as object), id });
  else if (e.type === "entity" && e.op === "deleted") index.delete(id);
  else if (!row) return;
  else if (e.type === "entity") Object.assign(row, e.changes as object);
  else if (e.type === "transition") Object.assign(row, { status: e.to }, e.to === "done" ? { progress: 100 } : {});
  else if (e.type === "progress") Object.assign(row, { progress: e.progress }, typeof e.size === "number" ? { size: e.size } : {});
  else return;
  if (row) index.set(id, { ...(index.get(id) ?? row) });
  dirty = true;
  timer ??= window.setTimeout(publish, 200);
}

listen(patch);

/** Reads every job of `type`, a page at a time, showing each page as it arrives. */
export async function loadJobs(type: string): Promise<void> {
  const started = performance.now();
  jobType.value = type;
  index = new Map();
  jobs.value = [];
  // the service answers active jobs, and finished ones when asked (`finished: true`): the list shows both
  for (const finished of [false, true])
    for (let skip = 0; ;) {
      const limit = skip === 0 && !finished ? FIRST_PAGE : PAGE;
      const page = await call<JobRow[]>("GET", `${type}/find`, { data: { attributes: ATTRIBUTES, limit, skip, finished } });
      if (jobType.value !== type) return;
      for (const j of page) index.set(j.id, j);
      jobs.value = [...index.values()];
      if (page.length < limit) break;
      skip += limit;
    }
  loadMs.value = Math.round(performance.now() - started);
}
