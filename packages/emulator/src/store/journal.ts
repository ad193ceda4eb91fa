import type { Entity } from "../util.js";

/** What one open transaction touched: each entity and settings scope as it was when first touched. */
export interface Touched {
  /** Entity objects by id at first touch (undefined: the id did not exist). */
  entities: Map<string, Entity | undefined>;
  /** Copies of settings scopes at first touch (undefined: the scope did not exist). */
  scopes: Map<string, Map<string, string> | undefined>;
}

/**
 * The undo log of the in-memory index: one {@link Touched} per open (nested) transaction. SQLite rolls its own
 * rows back; the store then restores what the journal says was touched, from those rows.
 */
export class Journal {
  private readonly levels: Touched[] = [];

  /** True while a transaction is open. */
  get open(): boolean {
    return this.levels.length > 0;
  }

  /** Opens a (nested) level. */
  begin(): Touched {
    const level: Touched = { entities: new Map(), scopes: new Map() };
    this.levels.push(level);
    return level;
  }

  /** Closes the innermost level; on success its first touches become the parent's (unless it has older ones). */
  end(committed: boolean): void {
    const level = this.levels.pop();
    const parent = this.levels.at(-1);
    if (!committed || !level || !parent) return;
    for (const [id, e] of level.entities) if (!parent.entities.has(id)) parent.entities.set(id, e);
    for (const [key, s] of level.scopes) if (!parent.scopes.has(key)) parent.scopes.set(key, s);
  }

  /** Records an entity before its first change in the innermost level. */
  entity(id: string, current: Entity | undefined): void {
    const level = this.levels.at(-1);
    if (level && !level.entities.has(id)) level.entities.set(id, current);
  }

  /** Records a settings scope before its first change in the innermost level. */
  scope(key: string, current: Map<string, string> | undefined): void {
    const level = this.levels.at(-1);
    if (level && !level.scopes.has(key)) level.scopes.set(key, current && new Map(current));
  }
}
