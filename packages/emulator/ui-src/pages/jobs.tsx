/** Jobs: a live list with status and progress; a job's tasks, story (log) and recipients; pause/resume/retry. */
import { useEffect, useState } from "preact/hooks";
import { call } from "../api";
import { jobs, jobType, loadJobs, loadMs, type JobRow } from "../jobs-data";
import { bytes } from "../json";
import { reasons } from "../live";
import { useLoad } from "../use-load";
import { VirtualList } from "../virtual-list";

type Row = Record<string, unknown>;
const TYPES = ["transfer", "delivery", "request", "compute", "stream"];

function Progress({ value, label }: { value: number; label: string }) {
  return <progress max={100} value={value} aria-label={label}>{value}%</progress>;
}

function JobDetail({ job, actions, onAction }: { job: JobRow; actions: boolean; onAction: (status: string) => void }) {
  const type = jobType.value;
  const { data } = useLoad(async () => {
    const [tasks, log, recipients] = await Promise.all([
      call<Row[]>("GET", "task/find", { data: { parent: job.id } }).catch(() => [] as Row[]),
      call<Row[]>("GET", "logs", { data: { entitytype: type, limit: 200 }, id: job.id }).catch((e: Error) => [{ message: `(log not readable: ${e.message})` }] as Row[]),
      type === "delivery" ? call<Row[]>("GET", "job/recipients", { id: job.id }).catch(() => [] as Row[]) : Promise.resolve([] as Row[]),
    ]);
    return { tasks, log, recipients };
  }, [job.id, String(job.status)]);
  const failure = data?.log.find((l) => /^Failed: /.test(String(l.message)))?.message ?? reasons.value[job.id];
  return (
    <section class="detail" aria-labelledby="job-h">
      <h3 id="job-h">{type} {String(job.code ?? job.id)} <span class={`status ${String(job.status)}`}>{String(job.status)}</span></h3>
      {failure ? <p class="reason" role="status">{String(failure).replace(/^Failed: /, "")}</p> : null}
      {actions ? (
        <div class="actions">
          <button type="button" onClick={() => onAction("paused")} disabled={!["waiting", "running", "pending"].includes(String(job.status))}>Pause</button>
          <button type="button" onClick={() => onAction("waiting")} disabled={job.status !== "paused"}>Resume</button>
          <button type="button" onClick={() => onAction("waiting")} disabled={job.status !== "failed"}>Retry</button>
        </div>
      ) : <p class="hint">Read-only: start the emulator with --ui-actions to pause, resume or retry from here.</p>}
      <h4>Tasks</h4>
      <table><thead><tr><th scope="col">#</th><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Size</th><th scope="col">Reason</th></tr></thead>
        <tbody>{(data?.tasks ?? []).map((t) => (
          <tr key={String(t.id)}><td>{String(t.uri ?? "")}</td><td>{typeof t.source === "object" ? String((t.source as Row).path ?? "") : String(t.source ?? "")}</td>
            <td><span class={`status ${String(t.status)}`}>{String(t.status)}</span></td><td>{bytes(t.size)}</td><td class="bad">{reasons.value[String(t.id)] ?? ""}</td></tr>))}</tbody></table>
      {type === "delivery" ? <><h4>Recipients</h4><ul>{(data?.recipients ?? []).map((r) => <li key={String(r.id ?? r.email)}>{String(r.email ?? r.code ?? r.user_hr ?? r.id)}</li>)}</ul></> : null}
      <h4>Log</h4>
      <ol class="log" aria-label="Job log">{(data?.log ?? []).slice().reverse().map((l, i) => <li key={i}><time>{String(l.date ?? "")}</time> {String(l.message)}</li>)}</ol>
    </section>
  );
}

/** The jobs page. */
export function Jobs({ actions }: { actions: boolean }) {
  const [selected, setSelected] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    loadJobs(jobType.value).catch((e: Error) => setError(e.message));
  }, []);
  const list = jobs.value;
  const job = list.find((j) => j.id === selected);
  const act = (status: string) => {
    if (job) call("PUT", `${jobType.value}/edit`, { id: job.id, data: { status } }).catch((e: Error) => setError(e.message));
  };
  return (
    <section aria-labelledby="jobs-h">
      <div class="toolbar">
        <h2 id="jobs-h">Jobs</h2>
        <label>Type <select value={jobType.value} onChange={(e) => loadJobs((e.currentTarget as HTMLSelectElement).value).catch((x: Error) => setError(x.message))}>
          {TYPES.map((t) => <option key={t} value={t}>{t}</option>)}</select></label>
        <span class="muted">{list.length} jobs{loadMs.value ? ` · read in ${loadMs.value} ms` : ""}</span>
      </div>
      {error ? <p role="alert">{error}</p> : null}
      <div class="cols jobs">
        <div>
          <div class="vhead" aria-hidden="true"><span>Job</span><span>Status</span><span>Progress</span><span>Size</span></div>
          <VirtualList label={`${jobType.value} jobs`} items={list} rowHeight={34} height={480} row={(j) => (
            <button type="button" class={`jobrow${j.id === selected ? " selected" : ""}`} data-job={j.id} onClick={() => setSelected(j.id)} aria-pressed={j.id === selected}>
              <span class="name">{String(j.code ?? j.id)}</span>
              <span class={`status ${String(j.status)}`}>{String(j.status)}</span>
              <Progress value={Number(j.progress ?? 0)} label={`progress of ${String(j.code ?? j.id)}`} />
              <span>{bytes(j.size)}</span>
            </button>
          )} />
        </div>
        {job ? <JobDetail job={job} actions={actions} onAction={act} /> : <p class="muted">Select a job to see its tasks and log.</p>}
      </div>
    </section>
  );
}
