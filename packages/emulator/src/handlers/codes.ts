import { type Kind, SHARE_KINDS } from "../model.js";
import type { Store } from "../store/store.js";
import { codeFromName, fail } from "../util.js";

/** Kinds whose `code` must be unique, and the kinds it must be unique across. */
const UNIQUE: Partial<Record<Kind, readonly Kind[]>> = {
  user: ["user"],
  queue: ["queue"],
  site: ["site"],
  engine: ["engine"],
  volume: SHARE_KINDS,
  folder: SHARE_KINDS,
  home: SHARE_KINDS,
  collection: SHARE_KINDS,
};

/** Throws a 409 message when `code` is taken by another entity that must not share it. */
export function checkUnique(store: Store, kind: Kind, code: string, exceptId?: string): void {
  const kinds = UNIQUE[kind];
  if (!kinds) return;
  for (const k of kinds) {
    for (const e of store.byCode(k, code)) {
      if (e.id !== exceptId) fail.conflict(`A ${k} with code '${code}' already exists`);
    }
  }
}

/** The code of a new entity: given, else generated from the name; made unique with a counter when generated. */
export function newCode(store: Store, kind: Kind, data: Record<string, unknown>, fallback: string): string {
  if (data.code !== undefined) {
    if (typeof data.code !== "string" || data.code.trim() === "") return fail.bad("'code' must be a non-empty string");
    checkUnique(store, kind, data.code);
    return data.code;
  }
  const base = codeFromName(typeof data.name === "string" && data.name ? data.name : fallback) || kind;
  if (!UNIQUE[kind]) return base;
  let code = base;
  for (let n = 2; (UNIQUE[kind] ?? []).some((k) => store.byCode(k, code).length > 0); n++) code = `${base}-${n}`;
  return code;
}

/** Checks an optional string attribute. */
export function optString(data: Record<string, unknown>, name: string): string | undefined {
  const v = data[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") return fail.bad(`'${name}' must be a string`);
  return v;
}
