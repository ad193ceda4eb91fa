import { randomBytes } from "node:crypto";
import type { Store } from "../store/store.js";
import { type Entity, fail } from "../util.js";
import { type Ctx, dataObject } from "../context.js";
import { checkUnique, optString } from "./codes.js";

const ROLES = ["admin", "employee", "standard", "support"];

/** A fresh API key for a new user. */
export function newApiKey(): string {
  return `ak_${randomBytes(12).toString("hex")}`;
}

/** Validates a role name (accepting the old `clearance` name of the attribute). */
export function roleOf(data: Record<string, unknown>): string | undefined {
  const r = data.role ?? data.clearance;
  if (r === undefined) return undefined;
  if (typeof r !== "string" || !ROLES.includes(r.toLowerCase())) return fail.bad(`Invalid role '${String(r)}' (admin, employee, standard)`);
  return r.toLowerCase();
}

/** Inserts a user (used by create, invites and the seed); an e-mail with a central account gets its id and keys back. */
export function insertUser(store: Store, data: Record<string, unknown>, actor?: string): Entity {
  const code = optString(data, "code");
  if (!code || !/^[^@\s]+@[^@\s]+$/.test(code)) return fail.bad("A user needs a 'code' that is an e-mail address");
  checkUnique(store, "user", code.toLowerCase());
  const { clearance: _c, api_key: _k, create_home_share: _h, give_all_volumes_access: _a, give_default_volume_access: _d,
    volumes: _v, message: _m, mail: _mail, tasks: _t, ...rest } = data;
  const role = roleOf(data) ?? "standard";
  const account = data.id === undefined ? takeAccount(store, code) : undefined;
  const keys = typeof data.api_key === "string" ? [data.api_key] : (account?.keys ?? [newApiKey()]);
  return store.insert("user", {
    name: account?.name ?? code.split("@")[0], description: "", metadata: {}, queue: null, logged_in: null, status: "enabled",
    ...rest, ...(account ? { id: account.id } : {}), code: code.toLowerCase(), role, _api_keys: keys,
  }, actor);
}

/**
 * The accsyn account behind a user: accounts are central, across workspaces ("Users are managed centralised, with
 * all users having their unique ID across all workspaces"). Deleting a user removes it from the workspace only —
 * "kept centrally in accsyn platform …; accsyn user account information are untouched" (reference doc/users.rst,
 * "Delete") — so inviting the e-mail again brings back the same id and API key.
 */
interface Account {
  id: string;
  code: string;
  name: unknown;
  keys: string[];
}

const accountsOf = (ws: Entity): Account[] => (ws._accounts as Account[] | undefined) ?? [];

/** Keeps the account of a user being deleted from the workspace. */
export function rememberAccount(store: Store, user: Entity): void {
  const ws = store.all("workspace").next().value;
  if (!ws) return;
  const code = String(user.code).toLowerCase();
  const account: Account = { id: user.id, code, name: user.name, keys: (user._api_keys as string[] | undefined) ?? [] };
  store.update(ws.id, { _accounts: [...accountsOf(ws).filter((a) => a.code !== code), account] });
}

/** The account of a deleted user with this e-mail (removed from the list: the user is back). */
function takeAccount(store: Store, email: string): Account | undefined {
  const ws = store.all("workspace").next().value;
  const code = email.toLowerCase();
  const account = ws ? accountsOf(ws).find((a) => a.code === code) : undefined;
  if (ws && account) store.update(ws.id, { _accounts: accountsOf(ws).filter((a) => a !== account) });
  return account;
}

/**
 * A deactivated user with this e-mail, brought back: deactivated users stay "eglible for audit & restore if you
 * again create/invite a user with the same identification (code)" (reference doc/users.rst, "Offline").
 */
export function restoreUser(ctx: Ctx, email: string): Entity | undefined {
  const user = ctx.store.byCode("user", email)[0];
  if (!user?._inactive) return undefined;
  setUserActive(ctx.store, user, true, ctx.access.caller.user.id);
  return user;
}

/** Deactivates or reactivates a user with its home shares and ACLs (doc/users.rst, "Offline"). */
export function setUserActive(store: Store, user: Entity, active: boolean, actor: string): void {
  store.update(user.id, { _inactive: !active }, actor);
  for (const home of [...store.all("home")]) if (home.user === user.id) store.update(home.id, { _inactive: !active }, actor);
  for (const acl of [...store.all("acl")]) if (acl.entity === `user:${user.id}`) store.update(acl.id, { _inactive: !active }, actor);
}

/** Invites an unknown e-mail as a standard user, unless `invite` is false. */
export function inviteUser(ctx: Ctx, email: string, invite: unknown): Entity {
  if (invite === false) return fail.notFound(`User '${email}' does not exist (and invite is false)`);
  if (ctx.access.level === "standard") return fail.forbidden("Standard users cannot invite users");
  return restoreUser(ctx, email) ?? insertUser(ctx.store, { code: email, role: "standard" }, ctx.access.caller.user.id);
}

/** `user/create` with the invite options (home share, volume access). */
export function createUser(ctx: Ctx, data: Record<string, unknown>, grant: (user: Entity, shareId: string) => void): Entity {
  const restored = typeof data.code === "string" ? restoreUser(ctx, data.code) : undefined;
  if (restored) return restored;
  const user = insertUser(ctx.store, data, ctx.access.caller.user.id);
  const volumes = [...ctx.store.all("volume")].filter((v) => !v._inactive);
  const ids = new Set<string>();
  if (data.give_all_volumes_access === true) volumes.forEach((v) => ids.add(v.id));
  if (data.give_default_volume_access === true) volumes.filter((v) => v.default).forEach((v) => ids.add(v.id));
  if (Array.isArray(data.volumes)) {
    for (const ref of data.volumes) {
      const v = volumes.find((x) => x.id === ref || x.code === ref);
      if (!v) fail.notFound(`Volume '${String(ref)}' not found`);
      else ids.add(v.id);
    }
  }
  for (const id of ids) grant(user, id);
  if (data.create_home_share === true) {
    const vol = volumes.find((v) => v.default);
    if (!vol) fail.bad("No default volume to create the home share on");
    else ctx.store.insert("home", { code: `home-${user.code as string}`, name: user.code, parent: vol.id, path: `homes/${user.code as string}`,
      user: user.id, status: "enabled", description: "", metadata: {}, queue: null, _share: true }, ctx.access.caller.user.id);
  }
  return user;
}

/** `user/api_key`: the caller's API key. */
export function apiKey(ctx: Ctx): unknown {
  dataObject(ctx);
  const keys = (ctx.access.caller.user._api_keys as string[] | undefined) ?? [];
  return { api_key: keys[0] ?? null };
}
