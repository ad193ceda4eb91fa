/**
 * Compares the SHAPE of two JSON values — key sets, value types, nesting — never the values.
 * Lists are compared by their element shapes: every recorded element shape must be matched by one
 * of the emulator's elements and every emulator element shape by one of the recorded elements.
 */

/** Attributes that are `null` until something happens (a job finishes, a user logs in…): `null` matches any type there. */
export const NULLABLE = new Set(["finished", "logged_in", "parent", "parent_hr", "queue", "last_checkin"]);

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  return typeof v;
}

/** The differences between the shape `recorded` shows and the shape `got` has, as readable lines (`path: what`). */
export function shapeDiff(recorded: unknown, got: unknown, path = "result", key = ""): string[] {
  const rt = typeName(recorded);
  const gt = typeName(got);
  if (rt !== gt) {
    if ((rt === "null" || gt === "null") && NULLABLE.has(key)) return [];
    return [`${path}: ${rt} recorded, ${gt} answered`];
  }
  if (rt === "list") return listDiff(recorded as unknown[], got as unknown[], path);
  if (rt !== "object") return [];
  const r = recorded as Record<string, unknown>;
  const g = got as Record<string, unknown>;
  const out: string[] = [];
  for (const k of Object.keys(r)) {
    if (!(k in g)) out.push(`${path}.${k}: missing in the answer`);
    else out.push(...shapeDiff(r[k], g[k], `${path}.${k}`, k));
  }
  for (const k of Object.keys(g)) if (!(k in r)) out.push(`${path}.${k}: answered, not recorded`);
  return out;
}

function closest(item: unknown, candidates: unknown[], path: string, recordedSide: boolean): string[] {
  let best: string[] | undefined;
  for (const c of candidates) {
    const d = recordedSide ? shapeDiff(item, c, path) : shapeDiff(c, item, path);
    if (!best || d.length < best.length) best = d;
    if (d.length === 0) break;
  }
  return best ?? [];
}

function listDiff(recorded: unknown[], got: unknown[], path: string): string[] {
  if (recorded.length === 0) return []; // nothing recorded about the elements
  const p = `${path}[]`;
  if (got.length === 0) return [`${p}: elements recorded, the answer's list is empty`];
  const out = new Set<string>();
  for (const r of recorded) for (const d of closest(r, got, p, true)) out.add(d);
  for (const g of got) for (const d of closest(g, recorded, p, false)) out.add(d);
  return [...out];
}
