/** Access: the workspace's ACLs, by user and by target. */
import { useState } from "preact/hooks";
import { call } from "../api";
import { useLoad } from "../use-load";

type Row = Record<string, unknown>;

function rights(a: Row): string {
  return `${a.read ? "read" : ""}${a.read && a.write ? " + " : ""}${a.write ? "write" : ""}` || "none";
}

/** The access page. */
export function Access() {
  const [by, setBy] = useState<"user" | "target">("user");
  const { data, error } = useLoad(() => call<Row[]>("GET", "acl/find"), []);
  const groups = new Map<string, Row[]>();
  for (const a of data ?? []) {
    const key = String(by === "user" ? (a.entity_hr ?? a.entity) : (a.target_hr ?? a.target));
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return (
    <section aria-labelledby="access-h">
      <div class="toolbar">
        <h2 id="access-h">Access</h2>
        <fieldset class="seg"><legend class="sr">Group ACLs</legend>
          <label><input type="radio" name="by" checked={by === "user"} onChange={() => setBy("user")} /> by user</label>
          <label><input type="radio" name="by" checked={by === "target"} onChange={() => setBy("target")} /> by target</label>
        </fieldset>
        <span class="muted">{data?.length ?? 0} ACLs</span>
      </div>
      {error ? <p role="alert">{error}</p> : null}
      {[...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, acls]) => (
        <div class="group" key={key}>
          <h3>{key}</h3>
          <table><thead><tr><th scope="col">{by === "user" ? "Target" : "User"}</th><th scope="col">Path</th><th scope="col">Rights</th><th scope="col">Status</th></tr></thead>
            <tbody>{acls.map((a) => (
              <tr key={String(a.id)}><td>{String(by === "user" ? (a.target_hr ?? a.target) : (a.entity_hr ?? a.entity))}</td><td>{String(a.path ?? "/")}</td>
                <td>{rights(a)}</td><td>{String(a.status ?? "")}</td></tr>))}</tbody></table>
        </div>))}
      {data && data.length === 0 ? <p class="muted">No ACLs yet.</p> : null}
    </section>
  );
}
