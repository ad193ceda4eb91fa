import { type Entity, isObject } from "../util.js";
import type { Ctx } from "../context.js";

/**
 * Task ends as the accsyn job JSON writes them (accsyn doc developer/job-specification.md, "Source and Destination
 * notation", "Path examples" and the example snippets), turned into the concrete specs the emulator stores:
 * - `~`, `~/…`: the caller's home share (`home=<e-mail>/…`);
 * - `<workspace code>:<path>`: the path on the workspace (`thecompany:volume=assets/…`);
 * - a destination party without a path — `site=<code>`, `client=<id>`, a user's e-mail, the workspace code — gets
 *   the source's path mirrored ("Destination paths can be left out if other party is a site or a user's locally
 *   mapped share, this is called path mirroring");
 * - no destination for a file from a user or a site: "accsyn will resolve to the workspace default volume and also
 *   apply mirrored paths" ("Operator pull from user").
 */

const SHARE_SPEC = /^(share|volume|folder|home|collection|delivery)=/i;
const PARTY_PATH = /^(site=[^:]+|client=[0-9a-f]{24}|[^:/\\\s=]+@[^:/\\\s]+):(.*)$/is;

/** `~` / `~/…` as the caller's home share; anything else unchanged. */
export function homePath(ctx: Ctx, spec: string): string {
  const m = /^~(?:[\\/](.*))?$/s.exec(spec);
  return m ? `home=${String(ctx.access.caller.user.code)}/${m[1] ?? ""}` : spec;
}

/** A task end with `~` expanded and a `<workspace code>:` prefix dropped (the workspace is the default party). */
export function normalizeEnd(ctx: Ctx, spec: unknown): unknown {
  if (typeof spec !== "string") return spec;
  const ws = String(ctx.state.workspace().code).toLowerCase();
  const colon = spec.indexOf(":");
  const prefixed = colon > 0 && spec.slice(0, colon).toLowerCase() === ws ? spec.slice(colon + 1) : spec;
  const party = PARTY_PATH.exec(prefixed);
  return party ? `${party[1] ?? ""}:${homePath(ctx, party[2] ?? "")}` : homePath(ctx, prefixed);
}

/** The path of a source as it is mirrored elsewhere: `<share code>/<path>` for share paths, a local path without drive or leading slash. */
export function mirroredPath(ctx: Ctx, source: unknown): string {
  if (typeof source !== "string") return "";
  const path = PARTY_PATH.exec(source)?.[2] ?? source;
  const share = /^(?:share|volume|folder|home|collection)=([^/]*)\/?(.*)$/is.exec(path);
  if (share) {
    const code = share[1] === "(default)" ? String([...ctx.store.all("volume")].find((v) => v.default)?.code ?? "") : (share[1] ?? "");
    return [code, share[2] ?? ""].filter(Boolean).join("/");
  }
  return path.replace(/^[a-z]:/i, "").replace(/\\/g, "/").replace(/^\/+/, "");
}

/** Where a file mirrored onto the workspace lands: the same share for a locally mapped share path, else the default volume. */
function onWorkspace(ctx: Ctx, source: unknown): string {
  const path = typeof source === "string" ? (PARTY_PATH.exec(source)?.[2] ?? source) : "";
  return SHARE_SPEC.test(path) ? path : `volume=(default)/${mirroredPath(ctx, source)}`;
}

/** True when a source lies on the workspace (a share path, or a bare path relative to the default volume). */
const fromWorkspace = (source: unknown): boolean =>
  typeof source === "string" && !PARTY_PATH.test(source) && !/^([a-z]:)?[\\/]/i.test(source);

/**
 * The concrete destination of a task: `destination` (or, when the task has none, the job's) normalized, with the
 * source's path mirrored onto a party given without a path. A task with no destination at all from a workspace
 * share keeps none (it goes to the caller's own client).
 */
export function destinationOf(ctx: Ctx, source: unknown, destination: unknown): unknown {
  if (isObject(destination)) return destination;
  if (destination === undefined || destination === null || destination === "")
    return fromWorkspace(source) || source === null ? null : onWorkspace(ctx, source);
  if (typeof destination !== "string") return destination;
  if (destination.toLowerCase() === String(ctx.state.workspace().code).toLowerCase()) return onWorkspace(ctx, source);
  const d = normalizeEnd(ctx, destination) as string;
  if (/^(site=[^:/]+|client=[0-9a-f]{24}|[^:/\\\s=]+@[^:/\\\s]+)$/i.test(d)) return `${d}:/${mirroredPath(ctx, source)}`;
  return d;
}

/**
 * The destination a task added later without one inherits from its job: the job's own destination party (mirrored)
 * or the folder of its first task's destination (reference doc/transfers.rst "Create tasks": "Add a file(task) to
 * an existing job, mirroring paths to same destination as rest of job").
 */
export function inheritedDestination(ctx: Ctx, job: Entity): unknown {
  if (typeof job._destination === "string") return job._destination;
  const first = ctx.store.tasksOf(job.id)[0]?.destination;
  if (typeof first !== "string") return null;
  const party = PARTY_PATH.exec(first);
  if (party) return party[1];
  return first.endsWith("/") ? first : first.replace(/[^/]*$/, "");
}
