/** The accsyn emulator's dashboard: a window into the running emulator, served by the emulator itself. */
import { signal } from "@preact/signals";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { actingAs, resetWorkspace, whoami, type WhoAmI } from "./api";
import { connect, connected } from "./live";
import { Access } from "./pages/access";
import { Files } from "./pages/files";
import { Jobs } from "./pages/jobs";
import { Overview } from "./pages/overview";
import { Requests } from "./pages/requests";

const PAGES = ["overview", "jobs", "files", "access", "requests"] as const;
type Page = (typeof PAGES)[number];

const page = signal<Page>(pageFromHash());

function pageFromHash(): Page {
  const h = location.hash.replace(/^#\/?/, "");
  return (PAGES as readonly string[]).includes(h) ? (h as Page) : "overview";
}

window.addEventListener("hashchange", () => (page.value = pageFromHash()));

function App() {
  const [me, setMe] = useState<WhoAmI | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [note, setNote] = useState<string | undefined>();
  useEffect(() => {
    whoami().then(setMe, (e: Error) => setError(e.message));
    connect();
  }, []);
  if (error) return <p role="alert">{error}</p>;
  if (!me) return <p>Loading…</p>;
  const reset = () => {
    if (!confirm("Put the workspace back to its seed? Everything created since start is lost.")) return;
    resetWorkspace().then(() => setNote("The workspace is back to its seed."), (e: Error) => setNote(e.message));
  };
  return (
    <>
      <header>
        <h1>accsyn emulator <span class="muted">· {me.workspace}</span></h1>
        <nav aria-label="Pages">
          {PAGES.map((p) => <a key={p} href={`#/${p}`} aria-current={page.value === p ? "page" : undefined}>{p[0]?.toUpperCase()}{p.slice(1)}</a>)}
        </nav>
        <label class="as">Act as <select value={actingAs.value} onChange={(e) => (actingAs.value = (e.currentTarget as HTMLSelectElement).value)}>
          <option value="">admin (first admin)</option>
          {me.users.map((u) => <option key={u.id} value={u.id}>{u.code} ({u.role})</option>)}
        </select></label>
        {me.reset ? <button type="button" onClick={reset}>Reset to seed</button> : null}
        <span class={`live ${connected.value ? "on" : "off"}`} role="status">{connected.value ? "● live" : "○ reconnecting"}</span>
      </header>
      {note ? <p class="note" role="status">{note}</p> : null}
      <main>
        {page.value === "overview" ? <Overview /> : null}
        {page.value === "jobs" ? <Jobs actions={me.actions} /> : null}
        {page.value === "files" ? <Files users={me.users} /> : null}
        {page.value === "access" ? <Access /> : null}
        {page.value === "requests" ? <Requests /> : null}
      </main>
    </>
  );
}

render(<App />, document.getElementById("app") as HTMLElement);
