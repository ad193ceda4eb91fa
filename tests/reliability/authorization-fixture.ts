/**
 * The workspace of the authorization matrix: the demo seed plus a support user, a second employee granted the
 * default volume, another employee and a second standard user, shares with and without ACLs, homes, clients,
 * and (made by the admin through the SDK) transfers, deliveries, requests and streams with and without the
 * standard user as party or recipient.
 */
import { AccsynApiError, AccsynNotFoundError, Session } from "@accsyn/api";
import { DEMO_SEED, startEmulator, type RunningEmulator, type Seed } from "@accsyn/emulator";

/** Roles of the matrix, in column order: employeeVol is an employee granted the default volume. */
export const ROLES = ["admin", "support", "employee", "employeeVol", "standard"] as const;
/** A column of the matrix. */
export type Role = (typeof ROLES)[number];

const KEYS: Record<Role, [string, string]> = {
  admin: ["admin@acme.test", "demo-admin-key"],
  support: ["support@accsyn.test", "matrix-support-key"],
  employee: ["employee@acme.test", "demo-employee-key"],
  employeeVol: ["employee2@acme.test", "matrix-employee2-key"],
  standard: ["standard@acme.test", "demo-standard-key"],
};

const SEED: Seed = {
  ...DEMO_SEED,
  users: [
    ...DEMO_SEED.users,
    { code: "support@accsyn.test", role: "support", api_key: "matrix-support-key" },
    { code: "employee2@acme.test", role: "employee", api_key: "matrix-employee2-key" },
    { code: "other@acme.test", role: "employee", api_key: "matrix-other-key" },
    { code: "partner@ext.test", role: "standard", api_key: "matrix-partner-key" },
  ],
  volumes: [{
    code: "projects", name: "Projects", default: true, servers: ["fileserver01"],
    files: { "granted/DOWNLOAD/a.txt": "a", "granted/UPLOAD/up.txt": "u", "secret/s.txt": "s", "homes/standard/": "", "homes/other/": "", "homes/admin/": "", "root.txt": "r" },
  }],
  folders: [{ code: "granted", name: "Granted", path: "granted" }, { code: "secret", name: "Secret", path: "secret" }],
  homes: [
    { code: "home-standard", user: "standard@acme.test", path: "homes/standard" },
    { code: "home-other", user: "other@acme.test", path: "homes/other" },
    { code: "home-admin", user: "admin@acme.test", path: "homes/admin" },
  ],
  collections: [{ code: "granted-coll", name: "Granted collection" }, { code: "secret-coll", name: "Secret collection" }],
  clients: [
    ...(DEMO_SEED.clients ?? []),
    { code: "support-laptop", type: "app", user: "support@accsyn.test", status: "online" },
    { code: "employee2-ws", type: "userserver", user: "employee2@acme.test", status: "online" },
  ],
  acls: [
    { user: "employee2@acme.test", share: "projects", read: true, write: true },
    { user: "standard@acme.test", share: "granted", path: "DOWNLOAD", read: true, write: false },
    { user: "standard@acme.test", share: "granted", path: "UPLOAD", read: false, write: true },
    { user: "standard@acme.test", share: "granted-coll", read: true, write: false },
  ],
};

/** The running workspace: sessions per role, the admin session and named entity ids. */
export interface Fixture {
  emu: RunningEmulator;
  sessions: Record<Role, Session>;
  admin: Session;
  /** Named ids: users, shares, clients, jobs, ACLs. */
  ids: Record<string, string>;
  /** A unique name for fresh entities. */
  unique: (prefix: string) => string;
  /** How job `id` ended (`done`, or `failed` with the reason the job log shows), from the emulator's event stream. */
  settled: (id: string) => Promise<{ status: string; reason?: string }>;
  stop: () => Promise<void>;
}

/** Starts the emulator with the matrix seed and creates the jobs. */
export async function startFixture(): Promise<Fixture> {
  const emu = await startEmulator({ port: 0, seed: SEED, jobs: { rate: 0, autoStart: false } });
  const open = (role: Role): Session => new Session({
    workspace: emu.workspace, username: KEYS[role][0], apiKey: KEYS[role][1], hostname: "127.0.0.1", port: emu.port, protocol: "http", env: {}, logger: {},
  });
  const ended = new Map<string, { status: string; reason?: string }>();
  const waiting = new Map<string, () => void>();
  emu.events.subscribe((e) => {
    if (e.type !== "transition" || e.entitytype === "task" || (e.to !== "done" && e.to !== "failed")) return;
    ended.set(e.id, { status: e.to, ...(e.reason === undefined ? {} : { reason: e.reason }) });
    waiting.get(e.id)?.();
  });
  const sessions = Object.fromEntries(ROLES.map((r) => [r, open(r)])) as Record<Role, Session>;
  const admin = sessions.admin;
  const ids: Record<string, string> = {};
  const idOf = async (type: string, code: string): Promise<string> => {
    const hit = await admin.findOne(`${type} WHERE code="${code}"`);
    if (!hit) throw new Error(`fixture: no ${type} ${code}`);
    return hit.id;
  };
  for (const u of ["admin@acme.test", "support@accsyn.test", "employee@acme.test", "employee2@acme.test", "standard@acme.test", "other@acme.test", "partner@ext.test"])
    ids[u] = await idOf("user", u);
  for (const [type, code] of [["folder", "granted"], ["folder", "secret"], ["collection", "granted-coll"], ["collection", "secret-coll"], ["volume", "projects"],
    ["home", "home-standard"], ["home", "home-other"], ["home", "home-admin"], ["queue", "urgent"], ["site", "studio-b"], ["workspace", "acme"],
    ["client", "fileserver01"], ["client", "admin-laptop"], ["client", "support-laptop"], ["client", "employee-ws"], ["client", "employee2-ws"], ["client", "standard-laptop"]])
    ids[code as string] = await idOf(type as string, code as string);
  const stdAcl = (await admin.find(`acl WHERE entity=user:${ids["standard@acme.test"]} AND target=share:${ids.granted}`))[0];
  const volAcl = (await admin.find(`acl WHERE entity=user:${ids["employee2@acme.test"]}`))[0];
  ids.stdAcl = String(stdAcl?.id);
  ids.volAcl = String(volAcl?.id);
  ids.partyJob = (await admin.create("job", { name: "party", source: "share=projects/root.txt", destination: "standard@acme.test", status: "paused" })).id;
  ids.otherJob = (await admin.create("job", { name: "other", source: "share=projects/root.txt", destination: "employee@acme.test", status: "paused" })).id;
  for (const kind of ["delivery", "request", "stream"]) {
    ids[`${kind}Recipient`] = await recipientJob(admin, kind, "standard@acme.test");
    ids[`${kind}Other`] = await recipientJob(admin, kind, "partner@ext.test");
  }
  let n = 0;
  return {
    emu, sessions, admin, ids,
    unique: (prefix) => `${prefix}-${++n}`,
    async settled(id) {
      // State-based: resolves on the job's transition; the bound only turns a stuck job into a clear failure.
      if (!ended.has(id)) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`job ${id} neither done nor failed after 30 s`)), 30_000);
          waiting.set(id, () => (clearTimeout(timer), resolve()));
        });
        waiting.delete(id);
      }
      return ended.get(id) as { status: string; reason?: string };
    },
    async stop() {
      for (const s of Object.values(sessions)) s.close();
      await emu.stop();
    },
  };
}

/** A delivery/request/stream made by the admin with `recipient` added. */
export async function recipientJob(admin: Session, kind: string, recipient: string): Promise<string> {
  const job = await admin.create(kind, { name: `${kind} for ${recipient}` });
  await admin.request("PUT", "job/recipient/add", { data: { recipient }, id: job.id });
  return job.id;
}

/** The words of the emulator's permission answers (HTTP 403): "Your role cannot create …", "You may not change this …", "Permission denied: …". */
const PERMISSION = /Permission denied|cannot|may not|Only administrators/i;

/** How many refusals {@link attempt} saw of each kind: a 403 permission answer, or a 404 hiding what exists. */
export const refusals = { forbidden: 0, hidden: 0 };

/**
 * True when `run` resolves; false when the backend refuses it for permission, and only then: HTTP 403 with a
 * message saying what the caller may not do, or HTTP 404 for something that exists but the caller may not see
 * (`hidden` must confirm that: the emulator, like the service, does not reveal what a role cannot see). Any other
 * failure — a 400, a 404 for something missing, a 500, a network error — is thrown with its status and message,
 * and fails the cell: a refusal cell never passes on an unrelated crash.
 */
export async function attempt(run: () => Promise<unknown>, hidden?: () => Promise<boolean>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (err) {
    if (err instanceof AccsynApiError && err.status === 403 && PERMISSION.test(err.message)) return (refusals.forbidden++, false);
    const notFound = err instanceof AccsynNotFoundError || (err instanceof AccsynApiError && err.status === 404);
    if (notFound && hidden && (await hidden())) return (refusals.hidden++, false);
    const status = err instanceof AccsynApiError ? err.status : undefined;
    throw new Error(`not a permission refusal: ${(err as Error).name} ${status ?? "-"} ${(err as Error).message}`, { cause: err });
  }
}

/** A `hidden` check for {@link attempt}: the admin sees entity `id` of `type`, the caller does not. */
export function hiddenEntity(f: Pick<Fixture, "admin">, s: Session, type: string, id: string): () => Promise<boolean> {
  return async () => (await s.getEntity(type, id)) === null && (await f.admin.getEntity(type, id)) !== null;
}

/** A `hidden` check for {@link attempt}: `path` exists for the admin (so a 404 to the caller hides it). */
export function hiddenPath(f: Pick<Fixture, "admin">, path: string): () => Promise<boolean> {
  return async () => f.admin.exists(path);
}
