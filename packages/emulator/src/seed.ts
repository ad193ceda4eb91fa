import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Kind } from "./model.js";
import type { Store } from "./store/store.js";
import { codeFromName, type Entity, isId, wireDate } from "./util.js";
import { insertUser } from "./handlers/users.js";
import { demoVolumeFiles } from "./demo-files.js";
import type { StateSnapshot } from "./testing/snapshot.js";

/** A user of a seed. `api_key` is the key the user logs in with. */
export interface SeedUser { id?: string; code: string; name?: string; role?: "admin" | "employee" | "standard" | "support"; api_key: string }
/** A volume of a seed; `path` is a local directory (default: under the data or temporary directory). */
export interface SeedVolume {
  id?: string; code: string; name?: string; default?: boolean; path?: string; servers?: string[];
  /** Files to create (relative path → text content) when missing; a path ending in `/` is a directory. */
  files?: Record<string, string>;
}
/** A folder (`volume` is a volume code or id) or a home (`user` is an e-mail or id). */
export interface SeedShare {
  id?: string; code?: string; name?: string; volume?: string; path?: string; user?: string;
  /** Files of a collection: accsyn paths, or `{id, path}` to fix the file's uuid. */
  files?: Array<string | { id: string; path: string }>;
}
/** A queue (one has `default: true`; else a default queue named after the workspace is added). */
export interface SeedQueue { id?: string; code?: string; name: string; default?: boolean; priority?: number }
/** A site (one has `main: true`; else the main site `hq` is added). */
export interface SeedSite { id?: string; code: string; name?: string; main?: boolean }
/** A client: `type` 0 app, 1 server, 2 user server (or those names); `user` an e-mail or id. */
export interface SeedClient {
  id?: string; code: string; type: number | "app" | "server" | "userserver"; user?: string; status?: string; roles?: string[]; site?: string; os?: string;
  /** The local directory standing for the client's disk (default: a sandbox `<data>/clients/<id>/`); "/" = this machine. */
  disk?: string;
}
/** A job with its tasks and recipients. */
export interface SeedJob {
  id?: string; type?: "transfer" | "compute" | "delivery" | "request" | "stream"; code: string; name?: string; status?: string;
  user?: string; finished?: string; priority?: number; tasks?: Array<{ id?: string; source: string; destination?: string; status?: string }>;
  recipients?: string[];
}
/** An ACL: `user` (e-mail or id) gets access to `share` (code or id). */
export interface SeedAcl { id?: string; user: string; share: string; path?: string; read?: boolean; write?: boolean }
/** A setting on a scope (`entitytype` default `workspace`, `id` of the entity). */
export interface SeedSetting { entitytype?: string; id?: string; name: string; value: string }

/** The seed file format (JSON). Only `workspace` and `users` are required. */
export interface Seed {
  workspace: { id?: string; code: string; name?: string };
  users: SeedUser[];
  volumes?: SeedVolume[]; folders?: SeedShare[]; homes?: SeedShare[]; collections?: SeedShare[];
  queues?: SeedQueue[]; sites?: SeedSite[]; clients?: SeedClient[]; jobs?: SeedJob[]; acls?: SeedAcl[]; settings?: SeedSetting[];
  /**
   * A whole state, verbatim, as `export()` writes it; when present it is loaded instead of the lists above
   * (`workspace` and `users` then only summarise it).
   */
  snapshot?: StateSnapshot;
}

/** The built-in demo seed: workspace `acme`, three users with obviously fake demo keys, one volume with a few small files (demo-files.ts), queues, sites, clients. */
export const DEMO_SEED: Seed = {
  workspace: { code: "acme", name: "ACME Film" },
  users: [
    { code: "admin@acme.test", name: "Ada Admin", role: "admin", api_key: "demo-admin-key" },
    { code: "employee@acme.test", name: "Emil Employee", role: "employee", api_key: "demo-employee-key" },
    { code: "standard@acme.test", name: "Stan Standard", role: "standard", api_key: "demo-standard-key" },
  ],
  volumes: [{ code: "projects", name: "Projects", default: true, servers: ["fileserver01"], files: demoVolumeFiles() }],
  queues: [{ name: "ACME Film", default: true, priority: 500 }, { code: "urgent", name: "Urgent", priority: 900 }],
  sites: [{ code: "hq", name: "Headquarters", main: true }, { code: "studio-b", name: "Studio B" }],
  clients: [
    { code: "fileserver01", type: "server", status: "online", roles: ["storage"], site: "hq", os: "linux" },
    { code: "admin-laptop", type: "app", user: "admin@acme.test", status: "online", site: "hq", os: "mac" },
    { code: "employee-ws", type: "userserver", user: "employee@acme.test", status: "online", site: "hq", os: "linux" },
    { code: "standard-laptop", type: "app", user: "standard@acme.test", status: "online", os: "windows" },
  ],
};

/** Reads and minimally checks a seed file. */
export function readSeed(file: string): Seed {
  const seed = JSON.parse(readFileSync(file, "utf8")) as Seed;
  if (!seed.workspace?.code || !Array.isArray(seed.users)) throw new Error(`${file}: a seed needs 'workspace.code' and 'users'`);
  return seed;
}

const CLIENT_TYPES = new Map<string, number>([["app", 0], ["server", 1], ["userserver", 2]]);

/** Loads a seed into an empty store. `volumesDir` holds volumes without an explicit path. */
export function applySeed(store: Store, seed: Seed, volumesDir: string): void {
  const ref = (kinds: Kind[], r: string | undefined): string | null => {
    if (!r) return null;
    if (isId(r)) return r;
    for (const k of kinds) { const e = store.byCode(k, r)[0]; if (e) return e.id; }
    throw new Error(`Seed: '${r}' not found`);
  };
  const user = (r: string | undefined): string | null => ref(["user"], r);
  const base = { description: "", metadata: {} };
  store.transaction(() => {
    const ws = seed.workspace;
    store.insert("workspace", { ...base, id: ws.id, code: ws.code, name: ws.name ?? ws.code, status: "enabled" });
    for (const u of seed.users) insertUser(store, { id: u.id, code: u.code, name: u.name ?? u.code.split("@")[0], role: u.role ?? "standard", api_key: u.api_key });
    const queues = seed.queues ?? [];
    if (!queues.some((q) => q.default)) queues.unshift({ name: ws.name ?? ws.code, default: true });
    for (const q of queues) store.insert("queue", { ...base, id: q.id, code: q.code ?? codeFromName(q.name), name: q.name, default: !!q.default, compute_default: false, priority: q.priority ?? 500, status: "waiting" });
    const sites = seed.sites ?? [];
    if (!sites.some((s) => s.main)) sites.unshift({ code: "hq", name: "HQ", main: true });
    for (const s of sites) store.insert("site", { ...base, id: s.id, code: s.code, name: s.name ?? s.code, main: !!s.main, accsyn: false, status: "enabled" });
    for (const c of seed.clients ?? []) {
      const type = typeof c.type === "number" ? c.type : (CLIENT_TYPES.get(c.type) ?? 0);
      store.insert("client", { ...base, id: c.id, code: c.code, type, user: user(c.user), status: c.status ?? "online", roles: c.roles ?? [],
        site: ref(["site"], c.site), os: c.os ?? "linux", version: "3.0.0-emulator", last_checkin: wireDate(), benchmark: null, host_ident: c.code,
        metrics: {}, parent: null, username: null, wan_ip: "127.0.0.1", ...(c.disk ? { _disk: c.disk } : {}) });
    }
    for (const v of seed.volumes ?? []) {
      const path = v.path ?? join(volumesDir, v.code);
      mkdirSync(path, { recursive: true });
      for (const [rel, content] of Object.entries(v.files ?? {})) {
        const parts = rel.split("/").filter((p) => p && p !== "." && p !== "..");
        const file = join(path, ...parts);
        mkdirSync(rel.endsWith("/") ? file : dirname(file), { recursive: true });
        if (!rel.endsWith("/") && !existsSync(file)) writeFileSync(file, content);
      }
      store.insert("volume", { ...base, id: v.id, code: v.code, name: v.name ?? v.code, default: !!v.default, path, paths: { linux: path, mac: path, windows: path },
        status: "enabled", type: "volume", licensed: true, email: false, queue: null, _share: true, _servers: (v.servers ?? []).map((s) => ref(["client"], s)) });
    }
    const shares: Array<[Kind, SeedShare[] | undefined]> = [["folder", seed.folders], ["home", seed.homes], ["collection", seed.collections]];
    for (const [kind, list] of shares) for (const s of list ?? []) {
      const code = s.code ?? (kind === "home" ? `home-${s.user ?? "user"}` : codeFromName(s.name ?? kind));
      const parent = kind === "collection" ? null : ref(["volume"], s.volume) ?? [...store.all("volume")].find((v) => v.default)?.id ?? null;
      const e: Entity = store.insert(kind, { ...base, id: s.id, code, name: s.name ?? code, parent, path: s.path ?? code, status: "enabled", email: false, queue: null,
        _share: true, ...(kind === "home" ? { user: user(s.user) } : {}) });
      for (const f of s.files ?? []) store.insert("file", typeof f === "string" ? { id: randomUUID(), path: f, parent: e.id } : { id: f.id, path: f.path, parent: e.id });
    }
    for (const a of seed.acls ?? []) {
      const u = user(a.user);
      store.insert("acl", { id: a.id, entity: `user:${u}`, target: `share:${ref(["volume", "folder", "home", "collection"], a.share)}`, path: a.path ?? "/",
        read: a.read ?? true, write: a.write ?? false, acknowledged: null, description: "", role: store.get(u ?? "")?.entity.role ?? "standard", status: "enabled", token: null });
    }
    const defQueue = [...store.all("queue")].find((q) => q.default)?.id ?? null;
    for (const j of seed.jobs ?? []) {
      const owner = user(j.user) ?? seed.users[0]?.code ?? null;
      const recipients = (j.recipients ?? []).map((r) => ({ user: user(r), actioned: false }));
      const job = store.insert(j.type ?? "transfer", { ...base, id: j.id, code: j.code, name: j.name ?? j.code, status: j.status ?? "waiting", priority: j.priority ?? 100,
        progress: j.status === "done" ? 100 : 0, size: 0, speed: -1, etr: null, finished: j.finished ?? (j.status === "done" || j.status === "aborted" ? wireDate() : null),
        source: j.tasks?.[0]?.source ?? null, destination: j.tasks?.[0]?.destination ?? null, user: isId(owner) ? owner : user(owner ?? undefined), parent: defQueue,
        _parties: [], _recipients: recipients });
      (j.tasks ?? []).forEach((t, i) => store.insert("task", { id: t.id, job: job.id, uri: String(i), source: t.source, destination: t.destination ?? null,
        status: t.status ?? "queued", priority: 100, size: 0, time: 0, finished: null, metadata: {} }));
    }
    for (const s of seed.settings ?? []) store.setSetting(`${(s.entitytype ?? "workspace").toLowerCase()}:${s.id ?? ""}`, s.name, s.value);
  });
}
