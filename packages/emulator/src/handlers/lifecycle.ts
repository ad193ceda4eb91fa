import { JOB_KINDS, type Kind, SHARE_KINDS, type TypeRef } from "../model.js";
import { type Entity, fail, isId } from "../util.js";
import { type Ctx, eventId, visibleEntity } from "../context.js";
import { rememberAccount, setUserActive } from "./users.js";

function aclsOfShare(ctx: Ctx, shareId: string): Entity[] {
  return [...ctx.store.all("acl")].filter((a) => a.target === `share:${shareId}`);
}

function deleteCascade(ctx: Ctx, kind: Kind, e: Entity): void {
  const me = ctx.access.caller.user.id;
  if (kind === "task") fail.bad("Tasks are never deleted: set their status to 'excluded'");
  if (kind === "queue" && e.default) fail.bad("The default queue cannot be deleted");
  if (kind === "site" && e.main) fail.bad("The main site cannot be deleted");
  if (kind === "workspace") fail.forbidden("The workspace cannot be deleted through the API");
  if (kind === "client" && e.status !== "offline" && e.status !== "disabled-offline") fail.bad("Only offline clients can be deleted");
  if (kind === "queue") {
    const def = [...ctx.store.all("queue")].find((q) => q.default);
    for (const k of JOB_KINDS) for (const j of [...ctx.store.all(k)]) if (j.parent === e.id) ctx.store.update(j.id, { parent: def?.id ?? null }, me);
  }
  if (kind === "user") {
    // doc/users.rst "Delete": jobs aborted, the home share deleted, the account kept centrally (same id and key on a new invite).
    for (const k of JOB_KINDS) for (const j of [...ctx.store.all(k)]) if (j.user === e.id && j.status !== "done") ctx.store.update(j.id, { status: "aborted" }, me);
    for (const acl of [...ctx.store.all("acl")]) if (acl.entity === `user:${e.id}`) ctx.store.remove(acl.id);
    for (const home of [...ctx.store.all("home")]) if (home.user === e.id) deleteCascade(ctx, "home", home);
    rememberAccount(ctx.store, e);
  }
  if (kind === "volume") {
    for (const k of ["folder", "home"] as const) for (const s of [...ctx.store.all(k)]) if (s.parent === e.id) deleteCascade(ctx, k, s);
  }
  if (SHARE_KINDS.includes(kind)) for (const acl of aclsOfShare(ctx, e.id)) ctx.store.remove(acl.id);
  if (kind === "collection") for (const f of [...ctx.store.all("file")]) if (f.parent === e.id) ctx.store.remove(f.id);
  if (JOB_KINDS.includes(kind)) for (const t of ctx.store.tasksOf(e.id)) ctx.store.remove(t.id);
  ctx.store.remove(e.id);
}

/** `<type>/delete`. */
export function remove(ctx: Ctx, ref: TypeRef): unknown {
  if (ref.kinds[0] === "task") fail.bad("Tasks are never deleted: set their status to 'excluded'");
  const hit = visibleEntity(ctx, ref.kinds, eventId(ctx), ref.name);
  if (!ctx.access.canSteer(hit.kind, hit.entity)) fail.forbidden(`You may not delete this ${ref.name}`);
  ctx.store.transaction(() => deleteCascade(ctx, hit.kind, hit.entity));
  return { result: true };
}

/** `<type>/deactivate` and `<type>/activate` (activate by id, or by code in `query`). */
export function setActive(ctx: Ctx, ref: TypeRef, active: boolean): unknown {
  let hit: { kind: Kind; entity: Entity } | undefined;
  if (ctx.event.id !== undefined || active === false) {
    hit = visibleEntity(ctx, ref.kinds, eventId(ctx), ref.name);
  } else {
    const ident = (ctx.event.query ?? "").trim().replace(/^code\s*=\s*/i, "").replace(/^['"]|['"]$/g, "");
    if (ident === "") return fail.bad("Missing id or code of the entity to activate");
    for (const k of ref.kinds) {
      const e = isId(ident) ? ctx.store.getOf([k], ident) : ctx.store.byCode(k, ident)[0];
      if (e && ctx.access.canSee(k, e)) hit = { kind: k, entity: e };
    }
    if (!hit) return fail.notFound(`${ref.name} '${ident}' not found`);
  }
  if (!ctx.access.canWrite(hit.kind, hit.entity)) fail.forbidden(`You may not change this ${ref.name}`);
  if (!active && hit.kind === "user" && hit.entity.id === ctx.access.caller.user.id) fail.bad("You cannot deactivate yourself");
  if (!active && hit.kind === "queue" && hit.entity.default) fail.bad("The default queue cannot be deactivated");
  const me = ctx.access.caller.user.id;
  ctx.store.transaction(() => {
    if (hit.kind === "user") return setUserActive(ctx.store, hit.entity, active, me);
    ctx.store.update(hit.entity.id, { _inactive: !active }, me);
    if (SHARE_KINDS.includes(hit.kind)) for (const acl of aclsOfShare(ctx, hit.entity.id)) ctx.store.update(acl.id, { _inactive: !active }, me);
  });
  return { result: true };
}
