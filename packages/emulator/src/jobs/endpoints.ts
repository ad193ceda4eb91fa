import { mkdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import type { Role } from "../access/auth.js";
import type { Ctx, EmulatorState } from "../context.js";
import { confine, type Resolved, resolvePath } from "../files/paths.js";
import { permFor } from "../files/perm.js";
import { Access } from "../access/access.js";
import { type Entity, fail } from "../util.js";

/** Where a task reads or writes: an absolute local directory or file, confined to a share or a sandbox. */
export interface Endpoint {
  abs: string;
  /** True when the spec named a place without a file (copy into it). */
  container: boolean;
  /** The share path when the endpoint is on a share. */
  share?: Resolved;
}

const ACCSYN = /^(share|volume|folder|home|collection|delivery)=/i;

/** A request-less context acting as `user` (for the job runner). */
export function ctxFor(state: EmulatorState, user: Entity): Ctx {
  const access = new Access(state.store, { user, role: (user.role as Role | undefined) ?? "standard" });
  return { state, store: state.store, access, event: { uri: "job/run", data: null }, method: "PUT" };
}

/**
 * The directory standing for the local disk of a client (or a site): a sandbox under the data directory, or the
 * client's seeded `disk` (e.g. "/" for an app that runs on this machine, as the reference suite expects).
 */
export function sandbox(state: EmulatorState, kind: "clients" | "sites", id: string): string {
  const disk = kind === "clients" ? state.store.getOf(["client"], id)?._disk : undefined;
  const dir = typeof disk === "string" ? disk : join(state.dataDir, kind, id);
  mkdirSync(dir, { recursive: true });
  return realpathSync(dir);
}

/** The first app or user server of a user (its simulated disk receives and sends the user's files). */
export function clientOf(ctx: Ctx, userId: string): Entity | undefined {
  return [...ctx.store.all("client")].find((c) => c.user === userId && (c.type === 0 || c.type === 2) && !c._inactive);
}

function local(root: string, path: string, given: string): Endpoint {
  const parts = path.replace(/^[a-z]:/i, (d) => d[0] ?? "").split(/[\\/]+/).filter((s) => s && s !== ".");
  if (parts.includes("..")) fail.bad(`Invalid path '${given}': '..' is not allowed`);
  const abs = join(root, ...parts);
  confine(root, abs, given);
  return { abs, container: parts.length === 0 || /[\\/]$/.test(path) };
}

/**
 * Resolves a task source or destination as the job's user: accsyn paths on shares, `site=<code>[:path]`,
 * `client=<id>[:path]`, `<e-mail>[:path]`, or an absolute local path on the user's own client.
 */
export function resolveEnd(ctx: Ctx, spec: unknown, write: boolean): Endpoint {
  if (typeof spec !== "string" || spec === "") return fail.bad("A task needs a source and a destination");
  if (spec.includes("\0")) return fail.bad("Invalid path: NUL byte");
  if (ACCSYN.test(spec)) {
    const r = resolvePath(ctx, spec);
    if (r.root === undefined) return fail.bad(`'${spec}' is a collection, not a location`);
    const perm = permFor(ctx, r);
    if (write ? !perm.write(r.rel) : !perm.read(r.rel)) fail.forbidden(`Permission denied: cannot ${write ? "write" : "read"} '${spec}'`);
    return { abs: r.abs, container: r.rel === "" || spec.endsWith("/"), share: r };
  }
  const site = /^site=([^:]+)(?::(.*))?$/i.exec(spec);
  if (site) {
    const s = ctx.store.byCode("site", site[1] ?? "")[0] ?? fail.notFound(`Site '${site[1] ?? ""}' not found`);
    return local(sandbox(ctx.state, "sites", s.id), site[2] ?? "", spec);
  }
  const client = /^client=([0-9a-f]{24})(?::(.*))?$/.exec(spec);
  if (client) {
    const c = ctx.store.getOf(["client"], client[1] ?? "") ?? fail.notFound(`Client '${client[1] ?? ""}' not found`);
    return local(sandbox(ctx.state, "clients", c.id), client[2] ?? "", spec);
  }
  const party = /^([^:/\\\s]+@[^:/\\\s]+)(?::(.*))?$/.exec(spec);
  if (party) {
    const email = party[1] ?? "";
    const user = ctx.store.byCode("user", email)[0] ?? ctx.store.byCode("user", email.slice(email.indexOf("@") + 1))[0];
    if (!user) return fail.notFound(`User '${email}' not found`);
    const c = clientOf(ctx, user.id) ?? fail.bad(`User '${String(user.code)}' has no client (app or user server) to transfer with`);
    return local(sandbox(ctx.state, "clients", c.id), party[2] ?? "", spec);
  }
  if (/^([a-z]:)?[\\/]/i.test(spec)) {
    const me = ctx.access.caller.user;
    const c = clientOf(ctx, me.id) ?? fail.bad(`You have no client (app or user server): cannot transfer local path '${spec}'`);
    return local(sandbox(ctx.state, "clients", c.id), spec, spec);
  }
  return resolveEnd(ctx, `volume=(default)/${spec}`, write);
}
