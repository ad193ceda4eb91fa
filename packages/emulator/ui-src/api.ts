/** The page's calls to the emulator: every read and action goes through the API's own handlers and roles. */
import { signal } from "@preact/signals";

/** A user the page can act as (no key: the emulator answers as that user, with that user's role). */
export interface UiUser {
  id: string;
  code: string;
  role: string;
}

/** What the emulator tells the page at start. */
export interface WhoAmI {
  workspace: string;
  users: UiUser[];
  actions: boolean;
  reset: boolean;
  seq: number;
}

/** The user the page acts as ("" = the first admin). */
export const actingAs = signal("");

const HEADERS = { "x-accsyn-ui": "1", "content-type": "application/json" };

/** An error answered by the emulator, with its HTTP status and message. */
export class UiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as { message?: string };
  if (!res.ok) throw new UiError(res.status, body.message ?? `HTTP ${res.status}`);
  return body as T;
}

/** The workspace, its users and what the page may do. */
export async function whoami(): Promise<WhoAmI> {
  return answer<WhoAmI>(await fetch("/ui/whoami", { headers: HEADERS }));
}

/** What an API call carries besides its uri. */
export interface CallOptions {
  data?: unknown;
  id?: string;
  query?: string;
}

/** Calls an API operation (`transfer/find`, …) as the acting user; answers `result`. */
export async function call<T = unknown>(method: string, uri: string, options: CallOptions = {}): Promise<T> {
  const res = await fetch("/ui/api", { method: "POST", headers: HEADERS, body: JSON.stringify({ as: actingAs.value, method, uri, ...options }) });
  return (await answer<{ result: T }>(res)).result;
}

/** A request's event and answer as the emulator kept them (secrets masked). */
export async function requestDetail(seq: number): Promise<{ event?: unknown; answer?: string; missing?: boolean }> {
  return answer(await fetch(`/ui/request?seq=${seq}`, { headers: HEADERS }));
}

/** Puts the workspace back to its seed. */
export async function resetWorkspace(): Promise<void> {
  await answer(await fetch("/ui/reset", { method: "POST", headers: HEADERS, body: "{}" }));
}
