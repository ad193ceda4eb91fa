import type { Access } from "./access/access.js";
import type { Store } from "./store/store.js";
import { type Entity, fail, isId, isObject } from "./util.js";
import type { Kind } from "./model.js";
import type { RefResolver } from "./query/index.js";

/** A decoded API event (the fields the emulator reads). */
export interface ApiEvent {
  uri: string;
  session?: unknown;
  workspace?: unknown;
  data: unknown;
  query?: string;
  id?: string;
}

/** A line of the activity log answered by `logs`. */
export interface LogLine {
  date: string;
  user: string;
  uri: string;
  entitytype: string;
  id?: string;
  message: string;
}

/** State shared by every handler of one emulator. */
export interface EmulatorState {
  store: Store;
  /** The workspace entity. */
  workspace: () => Entity;
  /** The activity log. */
  logs: LogLine[];
  /** Directory under which volumes without an explicit path live. */
  volumesDir: string;
  /** The data (or temporary) directory: deliveries and client sandboxes live under it. */
  dataDir: string;
  /** True when new jobs created without a status start running by themselves. */
  autoStart: boolean;
}

/** Everything a handler needs for one event. */
export interface Ctx {
  state: EmulatorState;
  store: Store;
  access: Access;
  event: ApiEvent;
  method: string;
}

/** The event's data as an object ({} for null), or a 400 message. */
export function dataObject(ctx: Ctx): Record<string, unknown> {
  const d = ctx.event.data;
  if (d === null || d === undefined) return {};
  if (!isObject(d)) return fail.bad("The event's 'data' must be a JSON object");
  return d;
}

/** The event's `id`, checked to be a 24-hex id. */
export function eventId(ctx: Ctx, what = "id"): string {
  const id = ctx.event.id;
  if (id === undefined || id === "") return fail.bad(`Missing ${what}`);
  if (!isId(id)) return fail.bad(`Invalid ${what} '${id}': expected 24 lowercase hex characters`);
  return id;
}

/** An entity of one of `kinds` by id, visible to the caller, or a 404 message. */
export function visibleEntity(ctx: Ctx, kinds: readonly Kind[], id: string, label: string): { kind: Kind; entity: Entity } {
  const hit = ctx.store.get(id);
  if (!hit || !kinds.includes(hit.kind) || !ctx.access.canSee(hit.kind, hit.entity))
    return fail.notFound(`${label} ${id} not found`);
  return hit;
}

/** A reference resolver over the store (codes and e-mails to ids). */
export function refResolver(store: Store): RefResolver {
  const cache = new Map<string, string[]>();
  const kinds: Kind[] = ["user", "queue", "site", "volume", "folder", "home", "collection", "client", "workspace"];
  return {
    idsFor(value) {
      if (value === "" || isId(value) || /^[-\d.]+$/.test(value) || value === "true" || value === "false") return [];
      let hit = cache.get(value);
      if (!hit) {
        hit = kinds.flatMap((k) => store.byCode(k, value).map((e) => e.id));
        cache.set(value, hit);
      }
      return hit;
    },
    lookup: (id) => store.get(id)?.entity,
  };
}

/** Finds a user by id, e-mail or `user:<id>`. */
export function findUser(store: Store, ref: unknown): Entity | undefined {
  if (typeof ref !== "string") return undefined;
  const r = ref.startsWith("user:") ? ref.slice(5) : ref;
  if (isId(r)) return store.getOf(["user"], r);
  return store.byCode("user", r)[0];
}
