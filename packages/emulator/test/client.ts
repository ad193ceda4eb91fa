import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../src/index.js";

/** An answer of the emulator. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Python-like JSON (`", "` and `": "` separators, ASCII only), as the reference client sends. */
export function pyJson(value: unknown): string {
  const text = JSON.stringify(value, null, 0)
    .replace(/("(?:[^"\\]|\\.)*")|([,:])/g, (_m, str: string | undefined, sep: string | undefined) => str ?? `${sep} `);
  return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Percent-encoding like Python's `urllib.parse.quote` (safe `/`). */
export function pyQuote(text: string): string {
  return encodeURIComponent(text).replace(/%2F/g, "/").replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The Authorization header value for a user and key. */
export function authHeader(user: string, key: string): string {
  return `basic ${Buffer.from(user).toString("base64")}:${Buffer.from(key).toString("base64")}`;
}

/** A raw-HTTP client that speaks the wire protocol. */
export class RawClient {
  session = "";
  userId = "";
  role = "";

  constructor(
    readonly emu: Pick<RunningEmulator, "url" | "workspace" | "users">,
    readonly username: string,
    readonly apiKey: string,
    readonly workspace: string = emu.workspace,
  ) {}

  /** A client logged in as the seeded user of `role` (demo seed). */
  static async as(emu: RunningEmulator, role: string): Promise<RawClient> {
    const u = emu.users.find((x) => x.role === role);
    if (!u) throw new Error(`no ${role} user`);
    const c = new RawClient(emu, u.username, u.apiKey);
    await c.login();
    return c;
  }

  /** Headers of every request. */
  headers(): Record<string, string> {
    return { Authorization: authHeader(this.username, this.apiKey), "X-Accsyn-Workspace": this.workspace, "X-Accsyn-Device": "test" };
  }

  /** Logs in; answers the raw answer. */
  async login(): Promise<Answer> {
    const res = await fetch(`${this.emu.url}/api/v3/api/login`, { method: "PUT", headers: this.headers(), body: "{}" });
    const body = (await res.json()) as Record<string, unknown>;
    const r = body.result as { session_id: string; id: string; role: string } | undefined;
    if (r) Object.assign(this, { session: r.session_id, userId: r.id, role: r.role });
    return { status: res.status, body };
  }

  /** Builds the event of a call. */
  event(uri: string, data: unknown = {}, extra: { query?: string; id?: string } = {}): Record<string, unknown> {
    const ev: Record<string, unknown> = {
      audience: "api", workspace: this.workspace, eid: randomUUID(), session: this.session, uri, ident: this.username,
      created: new Date().toISOString().slice(0, 19), hostname: "testhost", data,
    };
    if (extra.query !== undefined) ev.query = extra.query;
    if (extra.id !== undefined) ev.id = extra.id;
    return ev;
  }

  /** Sends a raw event with a method (GET/DELETE in the query string, POST/PUT in the body). */
  async sendEvent(method: string, ev: unknown): Promise<Answer> {
    const text = pyJson(ev);
    const inQuery = method === "GET" || method === "DELETE";
    const res = await fetch(`${this.emu.url}/api/v3/event${inQuery ? `?${pyQuote(text)}` : ""}`, {
      method, headers: this.headers(), body: inQuery ? (method === "DELETE" ? "" : undefined) : text,
    });
    const raw = await res.text();
    return { status: res.status, body: JSON.parse(raw) as Record<string, unknown> };
  }

  /** Sends a call. */
  call(method: string, uri: string, data: unknown = {}, extra: { query?: string; id?: string } = {}): Promise<Answer> {
    return this.sendEvent(method, this.event(uri, data, extra));
  }

  /** `find` with an expression (lower-cased like the reference client); answers the result list. */
  async find(type: string, query?: string, data: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    const a = await this.call("GET", `${type}/find`, data, query === undefined ? {} : { query: query.toLowerCase() });
    if (!Array.isArray(a.body.result)) throw new Error(`find ${type} ${query ?? ""}: ${JSON.stringify(a.body)}`);
    return a.body.result as Record<string, unknown>[];
  }

  /** `create`; answers the first created entity or throws the message. */
  async create(type: string, data: unknown, id?: string): Promise<Record<string, unknown>> {
    const a = await this.call("POST", `${type}/create`, data, id ? { id } : {});
    const r = a.body.result as Record<string, unknown>[] | undefined;
    if (!r?.[0]) throw new Error(`create ${type}: ${JSON.stringify(a.body)}`);
    return r[0];
  }
}

/** An emulator started before a test file's tests and stopped after them, with clients logged in per role. */
export interface FileEmulator {
  emu: RunningEmulator;
  as: Record<"admin" | "employee" | "standard", RawClient>;
}

/** Starts an emulator (and logs in its demo users) for the tests of one file; read the answer inside tests. */
export function emulatorForFile(options: EmulatorOptions): FileEmulator {
  const state = { as: {} } as FileEmulator;
  beforeAll(async () => {
    state.emu = await startEmulator({ port: 0, ...options });
    for (const role of ["admin", "employee", "standard"] as const) state.as[role] = await RawClient.as(state.emu, role);
  });
  afterAll(async () => {
    await state.emu.stop();
  });
  return state;
}

/** A fresh emulator (demo seed, port 0) and a client logged in as its admin. */
export async function emulatorWithAdmin(options: EmulatorOptions = {}): Promise<{ emu: RunningEmulator; admin: RawClient }> {
  const emu = await startEmulator({ port: 0, ...options });
  return { emu, admin: await RawClient.as(emu, "admin") };
}
