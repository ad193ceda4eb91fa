import { exists, getsize, ls, mkdir, move, nameFilter, remove } from "../files/ops.js";
import { ApiError, fail } from "../util.js";
import type { PathResult } from "../files/entry.js";
import { type Ctx, dataObject } from "../context.js";

function bool(d: Record<string, unknown>, name: string): boolean {
  const v = d[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== "boolean") return fail.bad(`'${name}' must be a boolean`);
  return v;
}

function one(ctx: Ctx, d: Record<string, unknown>, op: string, path: unknown): unknown {
  switch (op) {
    case "ls": {
      const maxdepth = d.maxdepth;
      if (maxdepth !== undefined && maxdepth !== null && (typeof maxdepth !== "number" || maxdepth < 1)) fail.bad("'maxdepth' must be a positive number");
      return ls(ctx, path, {
        recursive: bool(d, "recursive"), maxdepth: (maxdepth as number | null | undefined) ?? undefined, getsize: bool(d, "getsize"),
        filesOnly: bool(d, "files_only"), directoriesOnly: bool(d, "directories_only"), filter: nameFilter(d.include, d.exclude),
      });
    }
    case "getsize": return getsize(ctx, path, nameFilter(d.include, d.exclude));
    case "exists": return exists(ctx, path);
    case "mkdir": return mkdir(ctx, path);
    case "delete": return remove(ctx, path, bool(d, "force"));
    case "rename": return move(ctx, path, d.path_to, true);
    case "move": case "mv": return move(ctx, path, d.path_to, false);
    default: return fail.bad(`Unknown file operation '${op}' (ls, getsize, exists, mkdir, delete, rename, move)`);
  }
}

const METHOD = new Map<string, string>([["ls", "GET"], ["getsize", "GET"], ["exists", "GET"], ["mkdir", "POST"], ["delete", "POST"], ["rename", "PUT"], ["move", "PUT"], ["mv", "PUT"]]);

/** `workspace/file`: file operations on shares; a list of paths answers a list of `{path, result}`. */
export function fileOp(ctx: Ctx): unknown {
  const d = dataObject(ctx);
  const op = typeof d.op === "string" ? d.op.toLowerCase() : fail.bad("Missing file operation 'op'");
  const method = METHOD.get(op);
  if (method && method !== ctx.method && !(method === "POST" && ctx.method === "DELETE"))
    throw new ApiError(405, `File operation '${op}' expects ${method}, not ${ctx.method}`);
  if (!Array.isArray(d.path)) return { result: one(ctx, d, op, d.path) };
  return {
    result: d.path.map((path: unknown): PathResult => {
      try {
        return { path, result: one(ctx, d, op, path) };
      } catch (err) {
        if (err instanceof ApiError) return { path, message: err.message };
        throw err;
      }
    }),
  };
}
