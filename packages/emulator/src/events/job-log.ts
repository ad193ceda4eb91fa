import { JOB_KINDS } from "../model.js";
import type { Store } from "../store/store.js";
import { wireDate } from "../util.js";
import type { StreamEvent } from "./types.js";

/** A line of a job's log as `logs` answers it (entitytype = the job's type, id = the job's id). */
export interface JobLogLine {
  date: string;
  user: string;
  uri: string;
  entitytype: string;
  id: string;
  message: string;
}

const isJobKind = (t: string): boolean => (JOB_KINDS as readonly string[]).includes(t);

const JOB_WORDS: Record<string, string> = {
  waiting: "Queued: waiting for a client to pick the job up",
  running: "Picked up: running",
  paused: "Paused",
  aborted: "Aborted",
  done: "Done",
  pending: "Pending",
};

/**
 * Writes each job's story (created, picked up, progress, each task's start and end, done or failed with
 * the accsyn error code and message) as log lines of that job, the way accsyn's job log shows them
 * (accsyn docs, errors.md: the codes appear "within the job log"); `logs` with the job's type and id reads them.
 */
export function jobLogWriter(store: Store, append: (line: JobLogLine) => void): (event: StreamEvent) => void {
  const jobOf = (id: string): { kind: string; user: string } | undefined => {
    const hit = store.get(id);
    if (!hit) return undefined;
    const owner = typeof hit.entity.user === "string" ? store.get(hit.entity.user)?.entity.code : undefined;
    return { kind: hit.kind, user: String(owner ?? "") };
  };
  const line = (jobId: string, message: string): void => {
    const job = jobOf(jobId);
    if (job) append({ date: wireDate(), user: job.user, uri: `${job.kind}/${jobId}`, entitytype: job.kind, id: jobId, message });
  };
  return (e) => {
    if (e.type === "entity" && e.op === "created" && e.entitytype !== "task" && jobOf(e.id) && isJobKind(e.entitytype))
      line(e.id, `Created${e.code ? ` '${e.code}'` : ""}`);
    else if (e.type === "progress" && e.milestone) line(e.id, `Progress ${e.progress}%`);
    else if (e.type === "transition" && e.entitytype === "task" && e.job) {
      const what = `Task ${e.name ?? e.id}`;
      if (e.to === "executing") line(e.job, `${what}: started`);
      else if (e.to === "failed") line(e.job, `${what}: failed: ${e.reason ?? "E#J007 Failed, check logs for clues."}`);
      else line(e.job, `${what}: ${e.to}`);
    } else if (e.type === "transition") {
      if (e.to === "failed") line(e.id, `Failed: ${e.reason ?? "E#J007 Failed, check logs for clues."}`);
      else line(e.id, JOB_WORDS[e.to] ?? `Status ${e.from} → ${e.to}`);
    }
  };
}
