import type { Entity } from "../util.js";

/**
 * Entities of one kind filed by lower-cased `status`, so that a find whose query requires a status
 * (`status=running and …`) looks at those entities only instead of scanning the whole kind. Entities
 * whose status is not a string (absent, null, a number, a list) are filed apart and are always
 * candidates: the index only narrows a scan, the query itself still decides every match.
 */
export class StatusIndex {
  private readonly buckets = new Map<string, Map<string, Entity>>();
  private readonly others = new Map<string, Entity>();
  /** The bucket each id is filed under (`undefined`: among the others). */
  private readonly filed = new Map<string, string | undefined>();

  /** Files an entity under its current status (again after a change: it moves). */
  file(entity: Entity): void {
    const key = typeof entity.status === "string" ? entity.status.toLowerCase() : undefined;
    if (this.filed.has(entity.id)) {
      // same status and same object: nothing to do (a restored entity may be a new object)
      if (this.filed.get(entity.id) === key && this.bucketOf(key)?.get(entity.id) === entity) return;
      this.drop(entity.id);
    }
    this.filed.set(entity.id, key);
    let bucket = this.bucketOf(key);
    if (!bucket) this.buckets.set(key as string, (bucket = new Map()));
    bucket.set(entity.id, entity);
  }

  /** Forgets an entity. */
  drop(id: string): void {
    if (!this.filed.has(id)) return;
    const key = this.filed.get(id);
    this.filed.delete(id);
    this.bucketOf(key)?.delete(id);
  }

  /** The bucket of a status key (`undefined`: the others). */
  private bucketOf(key: string | undefined): Map<string, Entity> | undefined {
    return key === undefined ? this.others : this.buckets.get(key);
  }

  /** Entities whose status is one of `statuses` (lower-cased), plus every one without a string status; in no particular order. */
  candidates(statuses: readonly string[]): Entity[] {
    const out = [...this.others.values()];
    for (const status of new Set(statuses)) for (const e of this.buckets.get(status)?.values() ?? []) out.push(e);
    return out;
  }
}
