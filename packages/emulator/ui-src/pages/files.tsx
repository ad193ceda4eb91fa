/** Files: browse volumes and folders with sizes, as the acting user (so: what each user can reach). */
import { useState } from "preact/hooks";
import { actingAs, call } from "../api";
import { bytes } from "../json";
import { useLoad } from "../use-load";

type Row = Record<string, unknown>;

/** The files page. */
export function Files({ users }: { users: { id: string; code: string; role: string }[] }) {
  const [path, setPath] = useState<string | undefined>();
  const shares = useLoad(async () => {
    const [volumes, folders, homes] = await Promise.all(["volume", "folder", "home"].map((t) => call<Row[]>("GET", `${t}/find`).catch(() => [] as Row[])));
    return [...(volumes ?? []).map((v) => `volume=${String(v.code)}/`), ...(folders ?? []).map((f) => `folder=${String(f.code ?? f.id)}/`), ...(homes ?? []).map((h) => `home=${String(h.code ?? h.id)}/`)];
  }, []);
  const listing = useLoad(async () => (path ? call<Row[]>("GET", "workspace/file", { data: { op: "ls", path, getsize: true } }) : []), [path], false);
  const who = users.find((u) => u.id === actingAs.value)?.code ?? `${users.find((u) => u.role === "admin")?.code ?? "admin"} (the first admin)`;
  const up = path ? path.replace(/[^/]+\/$/, "") : undefined;
  return (
    <section aria-labelledby="files-h">
      <h2 id="files-h">Files</h2>
      <p class="muted">Browsing as <strong>{who}</strong>: what this user can reach. Pick another user at the top to see theirs.</p>
      <div class="cols">
        <nav aria-label="Shares">
          <h3>Shares</h3>
          {shares.error ? <p role="alert">{shares.error}</p> : null}
          <ul class="plain">{(shares.data ?? []).map((s) => <li key={s}><button type="button" class="link" aria-current={path === s} onClick={() => setPath(s)}>{s}</button></li>)}</ul>
        </nav>
        <div>
          <h3>{path ?? "Pick a share"}</h3>
          {listing.error ? <p role="alert">{listing.error}</p> : null}
          {path ? (
            <table><thead><tr><th scope="col">Name</th><th scope="col">Size</th><th scope="col">Modified</th></tr></thead>
              <tbody>
                {up && /=.+\/.+/.test(up) ? <tr><td><button type="button" class="link" onClick={() => setPath(up)}>..</button></td><td /><td /></tr> : null}
                {(listing.data ?? []).map((f) => (
                  <tr key={String(f.filename)}>
                    <td>{f.type === 0 ? <button type="button" class="link" onClick={() => setPath(`${path}${String(f.filename)}/`)}>{String(f.filename)}/</button> : String(f.filename)}</td>
                    <td>{bytes(f.size)}</td><td>{String(f.modified ?? "")}</td>
                  </tr>))}
              </tbody></table>) : null}
        </div>
      </div>
    </section>
  );
}
