/** Overview: the workspace, its users and roles, clients online, queues, volumes and counts. */
import { call } from "../api";
import { useLoad } from "../use-load";

type Row = Record<string, unknown>;
const KINDS = ["transfer", "delivery", "request", "compute", "stream"] as const;
const PLURAL: Record<string, string> = { transfer: "transfers", delivery: "deliveries", request: "requests", compute: "compute jobs", stream: "streams" };

/** A user reference as the wire gives it (`user:<e-mail>[role](id)` or an id) made readable. */
const who = (v: unknown): string => String(v ?? "").replace(/^user:([^[]*)\[.*$/, "$1");

async function overview() {
  const find = (type: string, data: Row = {}) => call<Row[]>("GET", `${type}/find`, { data }).catch(() => [] as Row[]);
  const jobsOf = async (k: string) => (await Promise.all([false, true].map((finished) => find(k, { attributes: ["id", "status"], finished })))).flat();
  const [workspace, users, clients, queues, volumes, ...jobs] = await Promise.all([
    find("workspace"), find("user"), find("client"), find("queue"), find("volume"), ...KINDS.map(jobsOf),
  ]);
  return { workspace: workspace[0], users, clients, queues, volumes, jobs };
}

/** The overview page. */
export function Overview() {
  const { data, error } = useLoad(overview, []);
  if (error) return <p role="alert">{error}</p>;
  if (!data) return <p>Loading…</p>;
  const online = data.clients.filter((c) => c.status === "online");
  return (
    <section aria-labelledby="overview-h">
      <h2 id="overview-h">Workspace {String(data.workspace?.code ?? "")}</h2>
      <div class="cards">
        {KINDS.map((k, i) => {
          const list = data.jobs[i] ?? [];
          const failed = list.filter((j) => j.status === "failed").length;
          return <div class="card" key={k}><span class="big">{list.length}</span> {PLURAL[k]}{failed ? <span class="bad"> · {failed} failed</span> : null}</div>;
        })}
        <div class="card"><span class="big">{online.length}</span> of {data.clients.length} clients online</div>
      </div>
      <div class="cols">
        <div>
          <h3>Users and roles</h3>
          <table><thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">Status</th></tr></thead>
            <tbody>{data.users.map((u) => <tr key={String(u.id)}><td>{String(u.code)}</td><td><span class={`role ${String(u.role)}`}>{String(u.role)}</span></td><td>{String(u.status ?? "")}</td></tr>)}</tbody></table>
          <h3>Clients</h3>
          <table><thead><tr><th scope="col">Client</th><th scope="col">User</th><th scope="col">Status</th></tr></thead>
            <tbody>{data.clients.map((c) => <tr key={String(c.id)}><td>{String(c.code ?? c.id)}</td><td>{who(c.user_hr ?? c.user)}</td><td><span class={`status ${String(c.status)}`}>{String(c.status)}</span></td></tr>)}</tbody></table>
        </div>
        <div>
          <h3>Queues</h3>
          <table><thead><tr><th scope="col">Queue</th><th scope="col">Priority</th></tr></thead>
            <tbody>{data.queues.map((q) => <tr key={String(q.id)}><td>{String(q.code)}</td><td>{String(q.priority ?? "")}</td></tr>)}</tbody></table>
          <h3>Volumes</h3>
          <table><thead><tr><th scope="col">Volume</th><th scope="col">Path</th></tr></thead>
            <tbody>{data.volumes.map((v) => <tr key={String(v.id)}><td>{String(v.code)}</td><td>{String(v.path ?? "")}</td></tr>)}</tbody></table>
        </div>
      </div>
    </section>
  );
}
