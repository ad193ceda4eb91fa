import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Kind, SHARE_KINDS } from "../model.js";
import { type Entity, fail, isId } from "../util.js";
import { type Ctx, findUser } from "../context.js";
import { newCode, optString } from "./codes.js";
import { inviteUser } from "./users.js";
import { present } from "./output.js";
import { type AclRule, aclRules, summary } from "../access/acl-rules.js";

/** Creates a volume, folder, home or collection. */
export function createShare(ctx: Ctx, kind: Kind, data: Record<string, unknown>): Entity {
  const me = ctx.access.caller.user.id;
  const base = { description: "", metadata: {}, queue: null, status: "enabled", email: false, _share: true };
  if (kind === "volume") {
    const code = newCode(ctx.store, kind, data, "volume");
    const path = optString(data, "path") ?? join(ctx.state.volumesDir, code);
    mkdirSync(path, { recursive: true });
    const { server, ...rest } = data;
    const serverIds = typeof server === "string" ? ctx.store.byCode("client", server).map((c) => c.id).concat(isId(server) ? [server] : []) : [];
    if (data.default === true) for (const v of ctx.store.all("volume")) if (v.default) ctx.store.update(v.id, { default: false });
    return ctx.store.insert(kind, { ...base, name: code, default: false, licensed: true, type: "volume", paths: { linux: path, mac: path, windows: path },
      ...rest, code, path, _servers: serverIds }, me);
  }
  let parent = optString(data, "parent") ?? optString(data, "volume");
  if (parent && !isId(parent)) parent = ctx.store.byCode("volume", parent)[0]?.id ?? fail.notFound(`Volume '${parent}' not found`);
  parent ??= [...ctx.store.all("volume")].find((v) => v.default)?.id;
  if (kind !== "collection" && (!parent || !ctx.store.getOf(["volume"], parent))) return fail.bad(`A ${kind} needs a parent volume`);
  const extra: Record<string, unknown> = {};
  if (kind === "home") {
    const owner = findUser(ctx.store, data.user) ?? fail.bad("A home needs a 'user' (id or e-mail)");
    extra.user = owner.id;
  }
  if (kind === "collection") {
    const files = data.files ?? [];
    if (!Array.isArray(files)) fail.bad("'files' must be a list of accsyn paths");
  }
  const code = newCode(ctx.store, kind, data, String(data.name ?? (kind === "home" ? `home-${String(data.user)}` : kind)));
  const entity = ctx.store.insert(kind, { ...base, name: code, path: code, ...data, ...extra, code, parent: kind === "collection" ? null : parent }, me);
  if (kind === "collection") addFiles(ctx, entity, (data.files as unknown[] | undefined) ?? []);
  return entity;
}

/** Adds `File` sub-entities (uuid ids) to a collection; answers the added files. */
export function addFiles(ctx: Ctx, collection: Entity, files: unknown[]): Entity[] {
  return files.map((f) => {
    const path = typeof f === "string" ? f : typeof f === "object" && f !== null && "path" in f ? (f as { path: unknown }).path : undefined;
    if (typeof path !== "string" || path === "") return fail.bad("Each file must be an accsyn path or {path}");
    return ctx.store.insert("file", { id: randomUUID(), path, parent: collection.id }, ctx.access.caller.user.id);
  });
}

/** Removes files (by id, or by path) from a collection; true when one was, false when none was in it (doc/filesharing.rst). */
export function removeFiles(ctx: Ctx, collection: Entity, files: unknown[]): boolean {
  let removed = false;
  for (const f of [...ctx.store.all("file")]) {
    if (f.parent === collection.id && files.some((x) => x === f.path || x === f.id)) {
      ctx.store.remove(f.id);
      removed = true;
    }
  }
  return removed;
}

/** Creates (or extends) an ACL giving a user access to a share; `existed` when the user already had one. */
export function createAcl(ctx: Ctx, data: Record<string, unknown>): { acl: Entity; existed: boolean } {
  const entityRef = optString(data, "entity") ?? fail.bad("An ACL needs 'entity' (user:<id>)");
  const targetRef = optString(data, "target") ?? fail.bad("An ACL needs 'target' (share:<id>)");
  const email = entityRef.replace(/^user:/, "");
  const user = findUser(ctx.store, entityRef) ?? (email.includes("@") ? inviteUser(ctx, email, data.invite) : fail.notFound(`User '${email}' not found`));
  const shareId = targetRef.replace(/^(share|volume|folder|home|collection):/, "");
  const share = ctx.store.get(shareId);
  if (!share || !SHARE_KINDS.includes(share.kind)) return fail.notFound(`Share '${shareId}' not found`);
  if (ctx.access.level !== "admin" && !ctx.access.canWrite(share.kind, share.entity)) return fail.forbidden();
  const read = data.read ?? true;
  const write = data.write ?? false;
  if (typeof read !== "boolean" || typeof write !== "boolean") return fail.bad("'read' and 'write' must be booleans");
  if (!read && !write) return fail.bad("Read and write cannot both be false");
  const path = optString(data, "path") ?? "/";
  const rule: AclRule = { path, read, write };
  const existing = [...ctx.store.all("acl")].find((a) => a.entity === `user:${user.id}` && a.target === `share:${share.entity.id}`);
  if (existing) {
    // One ACL per user and share: a grant on another path extends it with another rule.
    const rules = [...aclRules(existing).filter((r) => r.path !== path), rule];
    return { acl: ctx.store.update(existing.id, { ...summary(rules), _inactive: false }, ctx.access.caller.user.id), existed: true };
  }
  return { acl: ctx.store.insert("acl", {
    entity: `user:${user.id}`, target: `share:${share.entity.id}`, ...summary([rule]), acknowledged: false, description: optString(data, "message") ?? "",
    role: user.role, status: "enabled", token: "",
  }, ctx.access.caller.user.id), existed: false };
}

/** The volume of a server-assignment call, writable by the caller. */
function volumeOf(ctx: Ctx): Entity {
  const id = ctx.event.id ?? "";
  if (!isId(id)) return fail.bad(`Invalid volume id '${id}'`);
  const v = ctx.store.getOf(["volume", "folder", "home", "collection"], id);
  if (!v || !ctx.access.canSee(ctx.store.get(id)?.kind ?? "volume", v)) return fail.notFound(`Volume ${id} not found`);
  return v;
}

function serverOf(ctx: Ctx, data: Record<string, unknown>): Entity {
  const ref = optString(data, "client") ?? fail.bad("Missing 'client' (server id or hostname)");
  const c = isId(ref) ? ctx.store.getOf(["client"], ref) : ctx.store.byCode("client", ref)[0];
  if (!c) return fail.notFound(`Server '${ref}' not found`);
  if (c.type !== 1 && c.type !== 2) fail.bad(`Client '${ref}' is not a server`);
  return c;
}

/** `share/server` (assign), `volume/servers` (list) and `volume/server` (deassign). */
export function servers(ctx: Ctx, op: "assign" | "list" | "deassign", data: Record<string, unknown>): unknown {
  const volume = volumeOf(ctx);
  const current = (volume._servers as string[] | undefined) ?? [];
  if (op === "list") return current.map((id) => ctx.store.getOf(["client"], id)).filter((c): c is Entity => !!c).map((c) => present(ctx, c));
  if (ctx.access.level !== "admin") fail.forbidden("Only administrators assign servers to volumes");
  const server = serverOf(ctx, data);
  const next = op === "assign" ? [...new Set([...current, server.id])] : current.filter((id) => id !== server.id);
  if (op === "deassign" && next.length === current.length) fail.notFound(`Server ${server.id} is not assigned to volume ${volume.id}`);
  ctx.store.update(volume.id, { _servers: next }, ctx.access.caller.user.id);
  return true;
}
