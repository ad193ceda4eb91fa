import { Db } from "./db.js";
import type { Kind } from "../model.js";
import { KINDS } from "../model.js";
import { type Entity, newId, wireDate } from "../util.js";

/** Key of a setting scope: `<entitytype>:<id or "">`. */
export type ScopeKey = string;

/** The entity store: an in-memory index over parsed rows, written through to SQLite. */
export class Store {
  private readonly db: Db;
  private readonly byKind = new Map<Kind, Map<string, Entity>>();
  private readonly byId = new Map<string, { kind: Kind; entity: Entity }>();
  /** Task ids by job id. */
  private readonly tasksByJob = new Map<string, Set<string>>();
  /** Settings by scope key, then name. */
  readonly settings = new Map<ScopeKey, Map<string, string>>();

  /** Opens the store; `file` undefined keeps everything in memory. */
  constructor(file?: string) {
    this.db = new Db(file);
    for (const k of KINDS) this.byKind.set(k, new Map());
    for (const { kind, entity } of this.db.loadEntities()) this.index(kind as Kind, entity);
    for (const s of this.db.loadSettings()) this.scope(s.scope).set(s.name, s.value);
  }

  /** True when the database held no entity when opened. */
  isEmpty(): boolean {
    return this.byId.size === 0;
  }

  private index(kind: Kind, entity: Entity): void {
    this.byKind.get(kind)?.set(entity.id, entity);
    this.byId.set(entity.id, { kind, entity });
    if (kind === "task" && typeof entity.job === "string") {
      let set = this.tasksByJob.get(entity.job);
      if (!set) this.tasksByJob.set(entity.job, (set = new Set()));
      set.add(entity.id);
    }
  }

  /** The tasks of a job, in creation order. */
  tasksOf(jobId: string): Entity[] {
    const out: Entity[] = [];
    for (const id of this.tasksByJob.get(jobId) ?? []) {
      const t = this.byId.get(id);
      if (t) out.push(t.entity);
    }
    return out;
  }

  /** Entities of one kind (live objects: do not mutate outside `update`). */
  all(kind: Kind): IterableIterator<Entity> {
    return (this.byKind.get(kind) ?? new Map<string, Entity>()).values();
  }

  /** Number of entities of one kind. */
  count(kind: Kind): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  /** An entity by id, with its kind. */
  get(id: string): { kind: Kind; entity: Entity } | undefined {
    return this.byId.get(id);
  }

  /** An entity of one of `kinds` by id. */
  getOf(kinds: readonly Kind[], id: string): Entity | undefined {
    const hit = this.byId.get(id);
    return hit && kinds.includes(hit.kind) ? hit.entity : undefined;
  }

  /** Entities of a kind whose code equals `code` (case-insensitive). */
  byCode(kind: Kind, code: string): Entity[] {
    const c = code.toLowerCase();
    const out: Entity[] = [];
    for (const e of this.all(kind)) if (typeof e.code === "string" && e.code.toLowerCase() === c) out.push(e);
    return out;
  }

  /** Inserts an entity, filling id, created and modified. */
  insert(kind: Kind, data: Record<string, unknown>, actor?: string): Entity {
    const now = wireDate();
    const entity: Entity = { ...data, id: typeof data.id === "string" ? data.id : newId() };
    entity.created ??= now;
    entity.modified ??= now;
    if (actor) {
      entity.creator ??= actor;
      entity.modifier ??= actor;
    }
    if (this.byId.has(entity.id)) throw new Error(`Duplicate id ${entity.id}`);
    this.index(kind, entity);
    this.db.put(kind, entity);
    return entity;
  }

  /** Applies `changes` to an entity and stamps modified/modifier. */
  update(id: string, changes: Record<string, unknown>, actor?: string): Entity {
    const hit = this.byId.get(id);
    if (!hit) throw new Error(`No entity ${id}`);
    Object.assign(hit.entity, changes, { modified: wireDate() }, actor ? { modifier: actor } : {});
    this.db.put(hit.kind, hit.entity);
    return hit.entity;
  }

  /** Removes an entity. */
  remove(id: string): void {
    const hit = this.byId.get(id);
    if (!hit) return;
    this.byId.delete(id);
    this.byKind.get(hit.kind)?.delete(id);
    if (hit.kind === "task" && typeof hit.entity.job === "string") this.tasksByJob.get(hit.entity.job)?.delete(id);
    this.db.remove(id);
  }

  /** The settings of a scope (created empty on first use). */
  scope(key: ScopeKey): Map<string, string> {
    let s = this.settings.get(key);
    if (!s) this.settings.set(key, (s = new Map()));
    return s;
  }

  /** Sets or deletes (undefined) a setting. */
  setSetting(key: ScopeKey, name: string, value: string | undefined): void {
    if (value === undefined) this.scope(key).delete(name);
    else this.scope(key).set(name, value);
    this.db.setting(key, name, value);
  }

  /** Runs `fn` in one SQLite transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn);
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }
}
