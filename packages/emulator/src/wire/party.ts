import { basename } from "node:path";
import type { Ctx } from "../context.js";
import { clientOf } from "../jobs/endpoints.js";
import { resolvePath } from "../files/paths.js";
import { type Entity, isId } from "../util.js";
import { kindHr, userHr } from "./refs.js";

/** Who sends or receives a task end: the workspace (its shares), a user, a site or a bare client. */
export interface Party {
  kind: "workspace" | "user" | "site" | "client";
  id: string;
  /** The path part of the spec ("" when none). */
  path: string;
}

const SHARE_SPEC = /^(share|volume|folder|home|collection|delivery)=/i;

/** The party behind a stored task end (`share=…`, `site=<code>[:path]`, `client=<id>[:path]`, `<e-mail>[:path]`, a local path). */
export function partyOf(ctx: Ctx, spec: unknown, owner: unknown): Party {
  const ws: Party = { kind: "workspace", id: ctx.state.workspace().id, path: typeof spec === "string" ? spec : "" };
  if (typeof spec !== "string" || spec === "" || SHARE_SPEC.test(spec)) return ws;
  const site = /^site=([^:]+)(?::(.*))?$/i.exec(spec);
  if (site) {
    const s = isId(site[1]) ? ctx.store.getOf(["site"], site[1]) : ctx.store.byCode("site", site[1] ?? "")[0];
    return s ? { kind: "site", id: s.id, path: site[2] ?? "" } : ws;
  }
  const client = /^client=([0-9a-f]{24})(?::(.*))?$/i.exec(spec);
  if (client) {
    const c = ctx.store.getOf(["client"], client[1] ?? "");
    if (c && typeof c.user === "string") return { kind: "user", id: c.user, path: client[2] ?? "" };
    return c ? { kind: "client", id: c.id, path: client[2] ?? "" } : ws;
  }
  const mail = /^([^:=/\\\s]+@[^:/\\\s]+)(?::(.*))?$/.exec(spec);
  if (mail) {
    const u = ctx.store.byCode("user", mail[1] ?? "")[0];
    return u ? { kind: "user", id: u.id, path: mail[2] ?? "" } : ws;
  }
  if (/^([a-z]:)?[\\/]/i.test(spec) && isId(owner)) return { kind: "user", id: owner, path: spec };
  return ws;
}

/** `<entitytype>:<id>` of a job's source or destination (reference doc/transfers.rst). */
export function partyRef(p: Party): string {
  return `${p.kind}:${p.id}`;
}

/** The human-readable twin (`workspace:acme(<id>)`, `user:<e-mail>[<role>](<id>)`). */
export function partyHr(ctx: Ctx, p: Party): string | null {
  return p.kind === "user" ? userHr(ctx.store, p.id) : kindHr(ctx.store, p.id);
}

/**
 * A task's `source`/`destination` dict (reference doc/transfers.rst, Query tasks): `client`, `path`,
 * `path_abs_final`, and `v` (volume) / `s` (share below a volume) / `user` / `site` as they apply.
 */
export function taskEnd(ctx: Ctx, spec: unknown, job: Entity | undefined, other: unknown): Record<string, unknown> | null {
  if (spec === null || spec === undefined) return null;
  const owner = job?.user;
  const p = partyOf(ctx, spec, owner);
  if (p.kind === "workspace" && typeof spec === "string" && SHARE_SPEC.test(spec)) {
    try {
      const r = resolvePath(ctx, spec);
      if (r.kind === "delivery") return { client: "", path: r.rel, path_abs_final: r.abs, s: r.share.id, ...(isId(owner) ? { user: owner } : {}) };
      const volume = r.kind === "volume" ? r.share.id : typeof r.share.parent === "string" ? r.share.parent : "";
      const servers = (ctx.store.getOf(["volume"], volume)?._servers as string[] | undefined) ?? [];
      return {
        client: servers[0] ?? "", path: r.rel, path_abs_final: r.abs, v: volume, ...(r.kind === "volume" ? {} : { s: r.share.id }),
        ...(isId(owner) ? { user: owner } : {}),
      };
    } catch {
      return { client: "", path: spec, path_abs_final: spec };
    }
  }
  const path = p.path !== "" ? p.path : typeof other === "string" ? basename(other) : "";
  if (p.kind === "user") return { client: clientOf(ctx, p.id)?.id ?? "", path, path_abs_final: path, user: p.id };
  if (p.kind === "site") return { client: "", path, path_abs_final: path, site: p.id };
  if (p.kind === "client") return { client: p.id, path, path_abs_final: path };
  return { client: "", path, path_abs_final: path };
}
