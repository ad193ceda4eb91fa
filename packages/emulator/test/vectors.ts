import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RunningEmulator } from "../src/index.js";
import { pyJson, pyQuote } from "./client.js";

/** The protocol vectors (conformance/vectors in the repository) and the seed holding the ids they use. */
export const VECTORS = fileURLToPath(new URL("../../../conformance/vectors/", import.meta.url));
/** The seed of the vectors' world. */
export const VECTORS_SEED = fileURLToPath(new URL("./fixtures/vectors-seed.json", import.meta.url));

/** One recorded exchange of a vector. */
export interface Exchange {
  request: { method: string; path: string; headers: Record<string, string | null>; query_raw: string; event: Record<string, unknown> };
  response: { body: unknown; body_format: string };
}

/** A vector, as far as the emulator tests read it. */
export interface Vector {
  name: string;
  exchanges?: Exchange[];
  session?: { exchanges?: Exchange[] };
}

/** Every vector file, sorted by name. */
export function loadVectors(): Vector[] {
  return readdirSync(VECTORS).filter((f) => f.endsWith(".json")).sort()
    .map((f) => JSON.parse(readFileSync(VECTORS + f, "utf8")) as Vector);
}

/** Per-vector changes of the request so that it applies to the seeded world. */
export const ADJUST: Record<string, (ev: Record<string, unknown>) => void> = {
  // carol is seeded (other vectors need her); create a fresh user instead.
  create__json_string: (ev) => ((ev.data as Record<string, unknown>).code = "carol2@acme.example"),
  // `projects` is the seeded default volume; create another.
  create__json_file_path: (ev) => ((ev.data as Record<string, unknown>).code = "projects2"),
  // shots/sh020 is seeded (ls and getsize vectors list it): make another directory.
  mkdir__basic: (ev) => Object.assign(ev.data as object, { path: "share=projects/shots/sh030" }),
  // bob already has an ACL on `plates` (revoke__user_from_folder removes it): grant him `vfx` instead.
  grant__user_to_folder_with_data: (ev) => Object.assign(ev.data as object, { target: "share:e112e1bfe0d0ff58d1858c35" }),
  // rename an existing directory.
  rename__basic: (ev) => Object.assign(ev.data as object, { path: "share=projects/shots/sh010", path_to: "share=projects/shots/sh010_old" }),
};

/** Fills the vectors' placeholders with fresh values. */
export function fill(text: string): string {
  return text.replaceAll("<uuid4>", randomUUID()).replaceAll("<now-utc>", new Date().toISOString().slice(0, 19)).replaceAll("<hostname>", "testhost");
}

const LOGIN = { Authorization: `basic ${Buffer.from("alice@acme.example").toString("base64")}:${Buffer.from("ak_public_3f9c2e").toString("base64")}`, "X-Accsyn-Workspace": "acme" };

/** Sends the vectors' event requests as alice (admin) with a session of the emulator, as the reference client would. */
export class VectorSender {
  private session = "";

  constructor(private readonly emu: RunningEmulator) {}

  /** Uses `id` as the session from now on (a login answered by the emulator). */
  useSession(id: string): void {
    this.session = id;
  }

  private async login(): Promise<void> {
    const r = await fetch(`${this.emu.url}/api/v3/api/login`, { method: "PUT", headers: LOGIN, body: "{}" });
    this.session = ((await r.json()) as { result: { session_id: string } }).result.session_id;
  }

  /** Sends the exchange's event (placeholders filled, session replaced, per-vector adjustment applied). */
  async sendEvent(vector: string, req: Exchange["request"]): Promise<{ res: Response; body: unknown; event: Record<string, unknown> }> {
    if (!this.session) await this.login();
    const event = JSON.parse(fill(JSON.stringify(req.event))) as Record<string, unknown>;
    event.session = this.session;
    ADJUST[vector]?.(event);
    const text = pyJson(event);
    const inQuery = req.method === "GET" || req.method === "DELETE";
    const res = await fetch(`${this.emu.url}${req.path}${inQuery ? `?${pyQuote(text)}` : ""}`, {
      method: req.method, headers: LOGIN, body: inQuery ? undefined : text,
    });
    return { res, body: (await res.json()) as unknown, event };
  }
}
