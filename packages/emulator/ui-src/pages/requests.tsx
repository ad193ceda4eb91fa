/** Requests: every API call, newest first, filterable, each with its event and answer (secrets masked). */
import { useState } from "preact/hooks";
import { requestDetail } from "../api";
import { Json } from "../json";
import { type RequestRow, requests } from "../live";
import { VirtualList } from "../virtual-list";

function Detail({ row }: { row: RequestRow }) {
  const [detail, setDetail] = useState<{ event?: unknown; answer?: string; missing?: boolean } | undefined>();
  const [seq, setSeq] = useState(0);
  if (seq !== row.seq) {
    setSeq(row.seq);
    setDetail(undefined);
    requestDetail(row.seq).then(setDetail, () => setDetail({ missing: true }));
  }
  return (
    <section class="detail" aria-labelledby="req-h">
      <h3 id="req-h">{row.method} {row.uri} <span class={`code c${String(row.status).charAt(0)}`}>{row.status}</span></h3>
      <p>{row.time} · {row.ms} ms · {row.user ?? "anonymous"}{row.role ? ` (${row.role})` : ""}{row.via ? ` · via ${row.via}` : ""}</p>
      {row.error ? <p class="reason" role="status">{row.error}</p> : null}
      {detail?.missing ? <p class="muted">No longer kept.</p> : null}
      <h4>Event</h4><Json value={detail?.event ?? null} label="The request's event" />
      <h4>Answer</h4><Json value={detail?.answer ?? null} label="The answer" />
    </section>
  );
}

/** The requests page. */
export function Requests() {
  const [op, setOp] = useState("");
  const [user, setUser] = useState("");
  const [status, setStatus] = useState("");
  const [selected, setSelected] = useState<number | undefined>();
  const rows = requests.value.filter((r) => (!op || r.uri.includes(op)) && (!user || (r.user ?? "").includes(user))
    && (!status || (status === "errors" ? r.status >= 400 : String(r.status) === status)));
  const row = rows.find((r) => r.seq === selected) ?? requests.value.find((r) => r.seq === selected);
  return (
    <section aria-labelledby="requests-h">
      <div class="toolbar">
        <h2 id="requests-h">Requests</h2>
        <label>Operation <input type="search" value={op} onInput={(e) => setOp((e.currentTarget as HTMLInputElement).value)} placeholder="transfer/create" /></label>
        <label>User <input type="search" value={user} onInput={(e) => setUser((e.currentTarget as HTMLInputElement).value)} /></label>
        <label>Status <select value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">any</option><option value="200">200</option><option value="errors">errors (4xx/5xx)</option></select></label>
        <span class="muted">{rows.length} shown</span>
      </div>
      <div class="cols jobs">
        <div>
          <div class="vhead req" aria-hidden="true"><span>#</span><span>Time</span><span>Operation</span><span>User</span><span>Status</span><span>ms</span></div>
          <VirtualList label="Requests, newest first" items={rows} rowHeight={30} height={480} row={(r) => (
            <button type="button" class={`reqrow${r.seq === selected ? " selected" : ""}`} data-seq={r.seq} onClick={() => setSelected(r.seq)} aria-pressed={r.seq === selected}>
              <span>{r.seq}</span><span>{r.time.slice(11, 23)}</span><span class="op">{r.method} {r.uri}</span><span>{r.user ?? ""}</span>
              <span class={`code c${String(r.status).charAt(0)}`}>{r.status}</span><span>{r.ms}</span>
            </button>)} />
        </div>
        {row ? <Detail row={row} /> : <p class="muted">Select a request to see its event and answer.</p>}
      </div>
    </section>
  );
}
