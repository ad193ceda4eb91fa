import type { Kind } from "../model.js";
import type { Entity } from "../util.js";

/** One committed change of the store: an entity created, updated (with the attributes that changed) or deleted. */
export interface StoreChange {
  op: "created" | "updated" | "deleted";
  kind: Kind;
  id: string;
  /** The entity after the change (before it, for `deleted`); a live object: read, do not keep or mutate. */
  entity: Entity;
  /** For `updated`: each attribute that changed, from → to (internal `_` keys included). */
  changes?: Record<string, { from: unknown; to: unknown }>;
}

/** Receives the changes of each committed outermost transaction, in order. */
export type ChangeObserver = (changes: readonly StoreChange[]) => void;

/**
 * Changes made inside open transactions, handed to observers only when the outermost one commits:
 * a rolled-back write never reaches the event stream.
 */
export class ChangeLog {
  private pending: StoreChange[] = [];
  private readonly observers = new Set<ChangeObserver>();

  /** Adds an observer; returns the function that removes it. */
  observe(fn: ChangeObserver): () => void {
    this.observers.add(fn);
    return () => this.observers.delete(fn);
  }

  /** True when someone listens (changes are not recorded otherwise). */
  get active(): boolean {
    return this.observers.size > 0;
  }

  /** Records a change of the open transaction. */
  record(change: StoreChange): void {
    if (this.active) this.pending.push(change);
  }

  /** Where the pending list stands now (to roll back to). */
  mark(): number {
    return this.pending.length;
  }

  /** Drops the changes recorded since `mark` (their transaction rolled back). */
  rollback(mark: number): void {
    this.pending.length = Math.min(this.pending.length, mark);
  }

  /** Hands the pending changes to the observers (the outermost transaction committed). */
  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    for (const fn of this.observers) fn(batch);
  }
}

/** The attributes of `changes` whose values differ from `before`'s (compared as JSON for objects). */
export function diff(before: Entity, changes: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, to] of Object.entries(changes)) {
    const from = before[k];
    if (from === to) continue;
    if (typeof to === "object" && to !== null && JSON.stringify(from) === JSON.stringify(to)) continue;
    out[k] = { from, to };
  }
  return out;
}
