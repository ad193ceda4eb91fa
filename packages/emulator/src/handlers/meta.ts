import { ATTRIBUTES, CREATE_ATTRIBUTES, ENTITY_TYPES, type Kind, READ_ONLY, resolveType } from "../model.js";
import { fail, isId } from "../util.js";
import { type Ctx, dataObject } from "../context.js";

/** `entitytypes`: the entity type names. */
export function entityTypes(ctx: Ctx): unknown {
  dataObject(ctx);
  return { result: ENTITY_TYPES };
}

/** `attributes`: attribute names of a type for the caller's role (`create`/`update` narrow the set). */
export function attributes(ctx: Ctx): unknown {
  const d = dataObject(ctx);
  let type = d.entitytype;
  if (type === undefined && ctx.event.query) type = /entitytype\s*=\s*['"]?([a-z]+)/i.exec(ctx.event.query)?.[1];
  if (typeof type !== "string" || type === "") return fail.bad("Missing 'entitytype' (attributes WHERE entitytype=<type>)");
  const ref = resolveType(type);
  if (!ref) return fail.bad(`Unknown entity type '${type}'`);
  const kind = ref.kinds[0] as Kind;
  let names = ATTRIBUTES[kind];
  if (d.create === true) names = CREATE_ATTRIBUTES[kind] ?? [];
  if (d.update === true) names = names.filter((n) => !READ_ONLY.has(n) && !n.endsWith("_hr"));
  return { result: names.filter((n) => ctx.access.seesAttribute(n)) };
}

/** `workspace/integration/<name>/utility`: integrations are not emulated. */
export function integration(ctx: Ctx, name: string): unknown {
  dataObject(ctx);
  return fail.bad(`Integration '${name}' is not available in the emulator`);
}

/** `logs`: the activity log, newest first by default, with search, skip and limit. */
export function logs(ctx: Ctx): unknown {
  const d = dataObject(ctx);
  if (ctx.access.level === "standard") fail.forbidden("Standard users cannot read logs");
  const type = typeof d.entitytype === "string" ? d.entitytype.toLowerCase() : "workspace";
  const search = typeof d.search === "string" ? d.search.toLowerCase() : undefined;
  let lines = ctx.state.logs.filter((l) => (type === "workspace" || l.entitytype === type) && (!ctx.event.id || l.id === ctx.event.id));
  if (search) lines = lines.filter((l) => JSON.stringify(l).toLowerCase().includes(search));
  const reverse = d.sort_reverse !== false;
  lines = [...lines].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (reverse) lines.reverse();
  const limit = typeof d.limit === "number" ? d.limit : 100;
  const skip = typeof d.skip === "number" ? d.skip : typeof d.page === "number" ? d.page * limit : 0;
  return { result: lines.slice(skip, skip + limit) };
}

/** Defaults of workspace settings (`transfer_speedlimit` is the backend's name: doc/compute.rst, accsyn-doc settings.md). */
export const DEFAULT_SETTINGS: ReadonlyMap<string, string> = new Map([["transfer_speedlimit", "100"], ["max_transfers", "10"], ["notify_on_done", "true"]]);

/** `setting` GET/PUT/DELETE: named string values per scope. */
export function setting(ctx: Ctx): unknown {
  const d = dataObject(ctx);
  const type = (typeof d.entitytype === "string" ? d.entitytype : "workspace").toLowerCase();
  const id = ctx.event.id ?? "";
  if (id !== "" && !isId(id)) return fail.bad(`Invalid id '${id}'`);
  const scopeType = resolveType(type);
  if (!scopeType) return fail.bad(`Unknown entity type '${type}'`);
  const target = id ? ctx.store.get(id) : undefined;
  if (id && (!target || !ctx.access.canSee(target.kind, target.entity))) return fail.notFound(`${type} ${id} not found`);
  const key = `${type}:${id}`;
  const name = typeof d.name === "string" ? d.name : undefined;
  if (ctx.method === "GET") {
    const own = ctx.store.scope(key);
    const merged = new Map<string, string>();
    if (type === "workspace" || d.upstream === true) for (const [k, v] of DEFAULT_SETTINGS) merged.set(k, v);
    if (d.upstream === true && type !== "workspace") {
      for (const [k, v] of ctx.store.scope("workspace:")) merged.set(k, v);
      const queue = target && typeof target.entity.parent === "string" ? ctx.store.getOf(["queue"], target.entity.parent) : undefined;
      if (queue) for (const [k, v] of ctx.store.scope(`queue:${queue.id}`)) merged.set(k, v);
    }
    for (const [k, v] of own) merged.set(k, v);
    if (name !== undefined || "name" in d) return { result: name === undefined ? null : (merged.get(name) ?? null) };
    // null prototype: a setting named `__proto__` is an own key like any other
    const out = Object.create(null) as Record<string, string>;
    // DOMAIN: omit_defaults drops every value equal to its default, a scope's own included
    for (const [k, v] of merged) if (!(d.omit_defaults === true && DEFAULT_SETTINGS.get(k) === v)) out[k] = v;
    return { result: out };
  }
  const writable = type === "workspace" ? ctx.access.level === "admin" : target !== undefined && ctx.access.canWrite(target.kind, target.entity);
  if (!writable) return fail.forbidden("You may not change settings of this scope");
  if (name === undefined || name === "") return fail.bad("Missing setting 'name'");
  if (ctx.method === "DELETE") {
    ctx.store.setSetting(key, name, undefined);
    return { result: true };
  }
  if (typeof d.value !== "string") return fail.bad("A setting 'value' must be a string");
  ctx.store.setSetting(key, name, d.value);
  return { result: true };
}
