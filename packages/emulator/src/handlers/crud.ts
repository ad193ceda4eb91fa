import { JOB_KINDS, JOB_SETTABLE, type Kind, READ_ONLY, SHARE_KINDS, STATUSES, type TypeRef } from "../model.js";
import { type Entity, fail, isObject, wireDate } from "../util.js";
import { type Ctx, dataObject, eventId, visibleEntity } from "../context.js";
import { checkUnique, newCode, optString } from "./codes.js";
import { sanitizeCreate } from "./create-keys.js";
import { createJob } from "./job-create.js";
import { createTasks, updateTasks } from "./jobs.js";
import { present } from "./output.js";
import { addFiles, createAcl, createShare } from "./shares.js";
import { createUser, roleOf } from "./users.js";

function createOne(ctx: Ctx, kind: Kind, data: Record<string, unknown>): Record<string, unknown> | true {
  const me = ctx.access.caller.user.id;
  if (kind === "user") return present(ctx, createUser(ctx, data, (user, shareId) => {
    createAcl(ctx, { entity: `user:${user.id}`, target: `share:${shareId}`, read: true, write: true });
  }), undefined, "create");
  if (JOB_KINDS.includes(kind)) return createJob(ctx, kind, data);
  if (SHARE_KINDS.includes(kind)) return present(ctx, createShare(ctx, kind, data), undefined, "create");
  if (kind === "acl") {
    // A grant where the user already has an ACL on the share answers `true` (tests/test_filesharing.py).
    const { acl, existed } = createAcl(ctx, data);
    return existed ? true : present(ctx, acl, undefined, "create");
  }
  if (kind === "queue" || kind === "site" || kind === "engine") {
    const code = newCode(ctx.store, kind, data, kind);
    if (data.priority !== undefined && (typeof data.priority !== "number" || data.priority < 0 || data.priority > 1000))
      fail.bad("'priority' must be a number from 0 to 1000");
    const defaults = kind === "queue" ? { priority: 500, default: false, compute_default: false, status: "waiting" } : kind === "site" ? { main: false, accsyn: false, status: "enabled" } : { status: "enabled" };
    return present(ctx, ctx.store.insert(kind, { description: "", metadata: {}, ...defaults, name: code, ...data, code }, me), undefined, "create");
  }
  if (kind === "client") return fail.forbidden("Clients cannot be created through the API");
  return fail.bad(`Entities of type '${kind}' cannot be created`);
}

/** `<type>/create` (and `file/add`). */
export function create(ctx: Ctx, ref: TypeRef): unknown {
  const kind = ref.kinds[0] as Kind;
  const data = dataObject(ctx);
  if (Object.keys(data).length === 0) fail.bad("Nothing to create: 'data' is empty");
  const parentId = ctx.event.id;
  if (kind === "task") {
    if (!ctx.access.canCreate("task", data)) fail.forbidden();
    return { result: createTasks(ctx, eventId(ctx, "job id"), data) };
  }
  if (kind === "file") {
    const coll = visibleEntity(ctx, ["collection"], eventId(ctx, "collection id"), "Collection");
    if (!ctx.access.canWrite("collection", coll.entity)) fail.forbidden();
    const files = data.files;
    if (!Array.isArray(files)) return fail.bad("'files' must be a list");
    // The added file entities (doc/filesharing.rst: their uuid ids are what removing takes).
    return { result: ctx.store.transaction(() => addFiles(ctx, coll.entity, files)).map((f) => present(ctx, f, undefined, "create")) };
  }
  if (!ctx.access.canCreate(kind, data)) return fail.forbidden(`Your role cannot create ${ref.name} entities`);
  sanitizeCreate(ctx.store, kind, data);
  const withParent = parentId !== undefined && JOB_KINDS.includes(kind) ? { parent: parentId, ...data } : data;
  return { result: [ctx.store.transaction(() => createOne(ctx, kind, withParent))] };
}

/** Submitting (`pending`): a delivery needs a file and a recipient; a request or stream a recipient; other jobs cannot be submitted. */
function checkSubmit(ctx: Ctx, kind: Kind, e: Entity): void {
  const recipients = ((e._recipients as unknown[] | undefined) ?? []).length;
  if (kind === "delivery") {
    if (ctx.store.tasksOf(e.id).length === 0 || recipients === 0) fail.bad("A delivery needs at least one file and one recipient before it is submitted");
  } else if (kind === "request" || kind === "stream") {
    if (recipients === 0) fail.bad(`A ${kind} needs at least one recipient before it is submitted`);
  } else fail.bad(`A ${kind} is not submitted: set 'waiting' to start it`);
  if (e.status !== "init" && e.status !== "pending") fail.bad(`This ${kind} is already submitted (status '${String(e.status)}')`);
}

function checkStatus(ctx: Ctx, kind: Kind, e: Entity, status: unknown): Record<string, unknown> {
  if (typeof status !== "string") return fail.bad("'status' must be a string");
  if (JOB_KINDS.includes(kind)) {
    if (!JOB_SETTABLE.includes(status)) return fail.bad(`The status '${status}' is not a valid ${kind} status (${JOB_SETTABLE.join(", ")})`);
    if (status === "pending") checkSubmit(ctx, kind, e);
    const finished = status === "done" || status === "aborted";
    if (status === "waiting")
      for (const t of ctx.store.tasksOf(e.id)) if (t.status === "failed") ctx.store.update(t.id, { status: "queued", _bytes: 0 });
    return { status, finished: finished ? wireDate() : null };
  }
  const allowed = STATUSES[kind];
  if (!allowed || !allowed.includes(status)) return fail.bad(`The status '${status}' is not valid for ${kind} (${(allowed ?? []).join(", ")})`);
  return { status };
}

/** ACL fields that define what it grants: a standard user must not widen its own access. */
const ACL_GRANT_FIELDS = new Set(["read", "write", "path", "entity", "target", "role", "token"]);

/** `<type>/edit` (a list for `task/edit` is update_many). */
export function edit(ctx: Ctx, ref: TypeRef): unknown {
  const kind = ref.kinds[0] as Kind;
  if (kind === "task" || Array.isArray(ctx.event.data)) {
    if (!Array.isArray(ctx.event.data)) return fail.bad("task/edit takes a list of task changes (update_many)");
    if (kind !== "task") return fail.bad("Only tasks are updated with a list");
    return { result: updateTasks(ctx, eventId(ctx, "job id"), ctx.event.data) };
  }
  const data = dataObject(ctx);
  if (Object.keys(data).length === 0) fail.bad("Nothing to update: 'data' is empty");
  const hit = visibleEntity(ctx, ref.kinds, eventId(ctx), ref.name);
  const e = hit.entity;
  if (!ctx.access.canWrite(hit.kind, e) || ("status" in data && !ctx.access.canSteer(hit.kind, e))) fail.forbidden(`You may not change this ${ref.name}`);
  if (hit.kind === "acl" && ctx.access.level === "standard" && Object.keys(data).some((k) => ACL_GRANT_FIELDS.has(k)))
    fail.forbidden("Standard users cannot change what an ACL grants (read, write, path, entity, target, role)");
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (READ_ONLY.has(k) || k.startsWith("_") || k.endsWith("_hr")) continue;
    if (k === "status") Object.assign(changes, checkStatus(ctx, hit.kind, e, v));
    else if (k === "role" || k === "clearance") {
      if (hit.kind !== "user") { changes[k] = v; continue; }
      const role = roleOf({ role: v });
      if (role !== e.role && ctx.access.level !== "admin") fail.forbidden("Only administrators change roles");
      if (role !== e.role) for (const acl of [...ctx.store.all("acl")]) if (acl.entity === `user:${e.id}`) ctx.store.remove(acl.id);
      changes.role = role;
    } else if (k === "code") {
      const code = optString(data, "code") ?? fail.bad("'code' must be a string");
      if (!JOB_KINDS.includes(hit.kind)) checkUnique(ctx.store, hit.kind, code, e.id);
      changes.code = hit.kind === "user" ? code.toLowerCase() : code;
    } else if (k === "metadata" && !isObject(v)) fail.bad("'metadata' must be an object");
    else if (k === "priority" && (typeof v !== "number" || v < 0 || v > 1000)) fail.bad("'priority' must be a number from 0 to 1000");
    else if (k === "public" && typeof v !== "boolean") fail.bad("'public' must be true or false");
    else if (k === "default" && hit.kind === "volume" && v === true) {
      for (const other of ctx.store.all("volume")) if (other.default && other.id !== e.id) ctx.store.update(other.id, { default: false });
      changes[k] = v;
    } else changes[k] = v;
  }
  if (hit.kind === "client" && Object.keys(changes).some((k) => k !== "status" && k !== "description" && k !== "metadata"))
    fail.bad("Only the status, description and metadata of a client can change");
  return { result: [present(ctx, ctx.store.update(e.id, changes, ctx.access.caller.user.id), undefined, "edit")] };
}

export { remove, setActive } from "./lifecycle.js";
