import { ATTRIBUTES, JOB_KINDS, type Kind, type TypeRef } from "../model.js";
import { planQuery } from "../query/index.js";
import { type Entity, fail, isId, wireDate } from "../util.js";
import { type Ctx, dataObject, refResolver } from "../context.js";
import { present } from "./output.js";

const ARCHIVE_AFTER_MS = 14 * 24 * 3600 * 1000;

/** Options of a find, checked. */
interface FindOptions {
  limit?: number;
  skip: number;
  attributes?: string[];
  parent?: string;
  finished: boolean;
  inactive: boolean;
  archived: boolean;
  single: boolean;
}

function bool(d: Record<string, unknown>, name: string): boolean {
  const v = d[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== "boolean") return fail.bad(`'${name}' must be a boolean`);
  return v;
}

function int(d: Record<string, unknown>, name: string): number | undefined {
  const v = d[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) return fail.bad(`'${name}' must be a non-negative integer`);
  return v;
}

function options(ctx: Ctx): FindOptions {
  const d = dataObject(ctx);
  const attributes = d.attributes;
  if (attributes !== undefined && attributes !== null && (!Array.isArray(attributes) || attributes.some((a) => typeof a !== "string")))
    fail.bad("'attributes' must be a list of attribute names");
  const parent = d.parent;
  if (parent !== undefined && parent !== null && !isId(parent)) fail.bad(`Invalid parent id '${String(parent)}'`);
  return {
    limit: int(d, "limit"),
    skip: int(d, "skip") ?? 0,
    attributes: (attributes as string[] | null | undefined)?.map((a) => a.toLowerCase()),
    parent: (parent as string | null | undefined) ?? undefined,
    finished: bool(d, "finished"),
    inactive: bool(d, "inactive"),
    archived: bool(d, "archived"),
    single: bool(d, "single_entity_query"),
  };
}

/** Finished/archived state of a job. */
export function jobScope(e: Entity, now = Date.now()): "active" | "finished" | "archived" {
  if (e.status !== "done" && e.status !== "aborted") return "active";
  const at = typeof e.finished === "string" ? Date.parse(`${e.finished}Z`) : NaN;
  return !Number.isNaN(at) && now - at > ARCHIVE_AFTER_MS ? "archived" : "finished";
}

/** Entities of `ref` that match the event's query and scope options and that the caller may see. */
export function matching(ctx: Ctx, ref: TypeRef, opts = options(ctx)): Entity[] {
  const { predicate: pred, statuses } = planQuery(ctx.event.query, { ...refResolver(ctx.store), hidden: (a) => !ctx.access.seesAttribute(a) });
  const out: Entity[] = [];
  const wantScope = opts.archived ? "archived" : opts.finished ? "finished" : "active";
  const now = Date.now();
  const end = opts.limit === undefined ? Infinity : opts.skip + (opts.single ? Math.min(opts.limit, 1) : opts.limit);
  const stop = opts.single && opts.limit === undefined ? opts.skip + 1 : end;
  for (const kind of ref.kinds) {
    const isJob = JOB_KINDS.includes(kind);
    const admits = (e: Entity): boolean =>
      Boolean(e._inactive) === opts.inactive &&
      (!isJob || jobScope(e, now) === wantScope) &&
      (ref.clientType === undefined || e.type === ref.clientType) &&
      (opts.parent === undefined || e.parent === opts.parent || e.job === opts.parent) &&
      pred(e) &&
      ctx.access.canSee(kind, e);
    // a query that requires a status looks only at the entities filed under it (then puts the hits in order)
    const candidates = statuses && ctx.store.withStatus(kind, statuses);
    const hits = candidates ? ctx.store.inCreationOrder(candidates.filter(admits)) : ctx.store.all(kind);
    for (const e of hits) {
      if (!candidates && !admits(e)) continue;
      out.push(e);
      if (out.length >= stop) return out.slice(opts.skip);
    }
  }
  return out.slice(opts.skip, end);
}

/** Widens `target=share:<volume>` to the volume's folders and homes too (recursive ACL listing). */
function withSubShares(ctx: Ctx, query: string): string {
  return query.replace(/target\s*=\s*share:([0-9a-f]{24})/i, (whole, id: string) => {
    const subs = [...ctx.store.all("folder"), ...ctx.store.all("home")].filter((s) => s.parent === id).map((s) => `share:${s.id}`);
    return subs.length === 0 ? whole : `target in share:${id},${subs.join(",")}`;
  });
}

/** `<type>/find`: by `id` (any state) or by query. */
export function find(ctx: Ctx, ref: TypeRef): unknown {
  const opts = options(ctx);
  const id = ctx.event.id;
  if (id !== undefined) {
    if (!isId(id)) return fail.bad(`Invalid id '${id}': expected 24 lowercase hex characters`);
    const hit = ctx.store.get(id);
    const kinds: Kind[] = ref.kinds;
    if (!hit || !kinds.includes(hit.kind) || !ctx.access.canSee(hit.kind, hit.entity)) return { result: [] };
    return { result: [present(ctx, hit.entity, opts.attributes)] };
  }
  if (ref.kinds[0] === "task" && opts.parent === undefined && !ctx.event.query) fail.bad("Finding tasks needs a parent job id");
  if (ref.kinds[0] === "acl" && dataObject(ctx).recursive === true && ctx.event.query) ctx.event.query = withSubShares(ctx, ctx.event.query);
  let found = matching(ctx, ref, opts);
  // find_one (single_entity_query) also looks among finished entities when no active one matches (release notes 3.2.3).
  if (found.length === 0 && opts.single && !opts.finished && !opts.archived && ref.kinds.some((k) => JOB_KINDS.includes(k)))
    found = matching(ctx, ref, { ...opts, finished: true });
  return { result: found.map((e) => present(ctx, e, opts.attributes)) };
}

/** `<type>/report`: a text report of the matching entities. */
export function report(ctx: Ctx, ref: TypeRef): unknown {
  const lines: string[] = [];
  for (const e of matching(ctx, ref, { ...options(ctx), finished: false })) {
    const shown = present(ctx, e);
    lines.push(`${ref.name[0]?.toUpperCase()}${ref.name.slice(1)} ${String(shown.code ?? shown.id)}`);
    for (const k of ["status", "progress", "size", "user_hr", "created"]) if (shown[k] !== undefined) lines.push(`  ${k}: ${String(shown[k])}`);
  }
  if (lines.length === 0) lines.push(`No ${ref.name} matches`);
  return { report: `${lines.join("\n")}\n` };
}

/**
 * `<type>/metrics`: the current value of each asked attribute (a time series point for `speed` when `time` is
 * given), as `find` presents it. An attribute the entity type does not have (or the caller's role may not see) is
 * refused with a 400 naming it — never answered as a made-up 0. The service's answer to an unknown attribute is not
 * recorded anywhere (no vector, no reference doc): the refusal is the emulator's choice, said in its README.
 */
export function metrics(ctx: Ctx, ref: TypeRef): unknown {
  const d = dataObject(ctx);
  const attrs = d.attributes ?? ["speed", "progress"];
  if (!Array.isArray(attrs) || attrs.some((a) => typeof a !== "string")) return fail.bad("'attributes' must be a list");
  if (d.time !== undefined && typeof d.time !== "string") fail.bad("'time' must be a string such as '1h'");
  const [e] = [...matching(ctx, ref, { ...options(ctx), finished: true, archived: false }), ...matching(ctx, ref)];
  if (!e) return fail.notFound(`No ${ref.name} matches the query`);
  const kind = ctx.store.get(e.id)?.kind ?? ref.kinds[0] as Kind;
  const known = (ATTRIBUTES[kind] ?? []).filter((a) => ctx.access.seesAttribute(a));
  const shown = present(ctx, e);
  const result = Object.create(null) as Record<string, unknown>;
  const ts = Math.floor(Date.now() / 1000);
  for (const a of attrs as string[]) {
    if (!known.includes(a))
      fail.bad(`Unknown attribute '${a}' for ${kind} metrics: ask for attributes of a ${kind} (attributes WHERE entitytype=${kind}), e.g. ${known.filter((k) => ["speed", "progress", "size", "etr", "status"].includes(k)).join(", ") || known.slice(0, 5).join(", ")}`);
    const v = Object.hasOwn(shown, a) ? shown[a] : null;
    result[a] = d.time !== undefined && a === "speed" ? [[ts, v]] : v;
  }
  result.time = wireDate();
  return { result };
}
