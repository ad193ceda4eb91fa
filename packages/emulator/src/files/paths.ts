import { lstatSync, mkdirSync, realpathSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { type Kind, SHARE_KINDS } from "../model.js";
import { type Entity, fail, isId, isObject } from "../util.js";
import { type Ctx, findUser } from "../context.js";

/** An accsyn path resolved to a share and a confined location inside it. */
export interface Resolved {
  /** The path as given (for messages). */
  given: string;
  kind: Kind | "delivery";
  share: Entity;
  /** Real path of the share's root directory (undefined for collections, which are virtual). */
  root?: string;
  /** Normalized relative path inside the share ("" for the root), `/`-separated. */
  rel: string;
  /** Absolute local path (root + rel). */
  abs: string;
}

/** The local root directory of a share, created when missing. */
export function shareRoot(ctx: Ctx, kind: Kind | "delivery", share: Entity): string | undefined {
  let dir: string | undefined;
  if (kind === "volume") dir = String(share.path);
  else if (kind === "folder" || kind === "home") {
    const vol = typeof share.parent === "string" ? ctx.store.getOf(["volume"], share.parent) : undefined;
    if (!vol) return fail.notFound(`The volume of ${kind} '${String(share.code)}' does not exist`);
    dir = join(String(vol.path), ...String(share.path ?? share.code).split("/").filter((s) => s && s !== "." && s !== ".."));
  } else if (kind === "delivery") dir = join(ctx.state.dataDir, "deliveries", share.id);
  if (dir === undefined) return undefined;
  mkdirSync(dir, { recursive: true });
  return realpathSync(dir);
}

const PREFIX = /^(share|volume|folder|home|collection|delivery)=([^/]*)(?:\/(.*))?$/is;

function lookupShare(ctx: Ctx, type: string, ident: string): { kind: Kind | "delivery"; share: Entity } | undefined {
  const t = type.toLowerCase();
  if (t === "delivery") {
    const hit = isId(ident) ? ctx.store.get(ident) : undefined;
    return hit && (hit.kind === "delivery" || hit.kind === "request") ? { kind: "delivery", share: hit.entity } : undefined;
  }
  const kinds: Kind[] = t === "share" ? [...SHARE_KINDS] : [t as Kind];
  if (t === "volume" && ident.toLowerCase() === "(default)") {
    const v = [...ctx.store.all("volume")].find((x) => x.default && !x._inactive);
    return v ? { kind: "volume", share: v } : undefined;
  }
  if (t === "home") {
    const user = findUser(ctx.store, ident);
    const home = [...ctx.store.all("home")].find((h) => (user && h.user === user.id) || h.code === ident || h.id === ident);
    return home ? { kind: "home", share: home } : undefined;
  }
  for (const k of kinds) {
    const e = isId(ident) ? ctx.store.getOf([k], ident) : ctx.store.byCode(k, ident)[0];
    if (e && !e._inactive) return { kind: k, share: e };
  }
  return undefined;
}

/** Resolves an accsyn path (`share=<code>/<path>`, `volume=(default)/…`, a bare relative path, or `{share, path}`), refusing escapes. */
export function resolvePath(ctx: Ctx, input: unknown): Resolved {
  let given: string;
  if (isObject(input)) {
    if (typeof input.share !== "string") return fail.bad("A path object needs 'share' (id or code) and 'path'");
    given = `share=${input.share}/${typeof input.path === "string" ? input.path : ""}`;
  } else if (typeof input === "string" && input.trim() !== "") given = input;
  else return fail.bad("Missing path");
  if (given.includes("\0")) return fail.bad("Invalid path: NUL byte");
  if (/%(2f|5c|00|2e)/i.test(given)) return fail.bad(`Invalid path '${given}': encoded characters are not allowed`);
  if (given.includes("\\")) return fail.bad(`Invalid path '${given}': backslashes are not allowed`);
  const m = PREFIX.exec(given);
  let type = "volume";
  let ident = "(default)";
  let rest = given;
  if (m) {
    type = m[1] ?? "";
    ident = m[2] ?? "";
    rest = m[3] ?? "";
  } else if (given.startsWith("/") || /^[a-z]:/i.test(given) || given.startsWith("~")) {
    return fail.bad(`Invalid path '${given}': absolute paths are not allowed, use share=<code>/<path>`);
  }
  if (rest.startsWith("/")) return fail.bad(`Invalid path '${given}': absolute paths are not allowed inside a share`);
  const parts = rest.split("/").filter((s) => s !== "" && s !== ".");
  if (parts.includes("..")) return fail.bad(`Invalid path '${given}': '..' is not allowed`);
  const hit = lookupShare(ctx, type, ident);
  if (!hit) return fail.notFound(`Share '${type}=${ident}' does not exist`);
  const visible = hit.kind === "delivery" ? ctx.access.canSee(ctx.store.get(hit.share.id)?.kind ?? "delivery", hit.share) : ctx.access.canSee(hit.kind, hit.share);
  if (!visible) return fail.notFound(`Share '${type}=${ident}' does not exist`);
  const root = shareRoot(ctx, hit.kind, hit.share);
  const rel = parts.join("/");
  const abs = root === undefined ? "" : join(root, ...parts);
  if (root !== undefined) confine(root, abs, given);
  return { given, kind: hit.kind, share: hit.share, root, rel, abs };
}

function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Throws unless the deepest existing part of `abs` really lies inside `root` (symlinks resolved). */
export function confine(root: string, abs: string, given: string): void {
  let probe = abs;
  while (!lexists(probe) && probe !== root && probe.startsWith(root)) probe = dirname(probe);
  let real: string;
  try {
    real = realpathSync(probe);
  } catch {
    return fail.bad(`Invalid path '${given}'`);
  }
  if (real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep)) fail.forbidden(`Invalid path '${given}': it leads outside its share`);
}
