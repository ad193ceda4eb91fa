import { ChangeLog, type ChangeObserver, diff } from "./changes.js";
import { Db, type DbDump } from "./db.js";
import { Journal, type Touched } from "./journal.js";
import { StatusIndex } from "./status-index.js";
import type { Kind } from "../model.js";
import { JOB_KINDS, KINDS } from "../model.js";
import { ApiError, type Entity, newId, wireDate } from "../util.js";

/** Key of a setting scope: `<entitytype>:<id or "">`. */
export type ScopeKey = string;

/**
 * The entity store: an in-memory index over parsed rows, written through to SQLite. Every write is
 * all-or-nothing: inside {@link Store.transaction} (or alone), a throw rolls back the rows and the index.
 */
export class Store {
  private readonly db: Db;
  private readonly byKind = new Map<Kind, Map<string, Entity>>();
  private readonly byId = new Map<string, { kind: Kind; entity: Entity }>();
  /** Job kinds' entities by status (see {@link Store.withStatus}). */
  private readonly byStatus = new Map<Kind, StatusIndex>();
  /** Creation order of every entity (renumbered when entities come back after a rollback). */
  private readonly position = new Map<string, number>();
  private nextPosition = 0;
  /** Task ids by job id. */
  private readonly tasksByJob = new Map<string, Set<string>>();
  /** Settings by scope key, then name. */
  readonly settings = new Map<ScopeKey, Map<string, string>>();
  /** Undo log of the open transactions. */
  private readonly journal = new Journal();
  /** Committed changes for observers (the event stream). */
  private readonly changes = new ChangeLog();

  /** Opens the store; `file` undefined keeps everything in memory. */
  constructor(file?: string) {
    this.db = new Db(file);
    this.load();
  }

  /** (Re)builds the in-memory index from the database. */
  private load(): void {
    for (const k of KINDS) this.byKind.set(k, new Map());
    for (const k of JOB_KINDS) this.byStatus.set(k, new StatusIndex());
    this.byId.clear();
    this.position.clear();
    this.tasksByJob.clear();
    this.settings.clear();
    for (const { kind, entity } of this.db.loadEntities()) this.index(kind as Kind, entity);
    for (const s of this.db.loadSettings()) this.scope(s.scope).set(s.name, s.value);
  }

  /** Calls `fn` with the changes of each committed transaction; returns the function that stops it. */
  observe(fn: ChangeObserver): () => void {
    return this.changes.observe(fn);
  }

  /** Every row as stored (see {@link Store.replaceAll}). */
  dump(): DbDump {
    return this.db.dump();
  }

  /** Replaces everything with a {@link Store.dump} and re-indexes (entity objects are new). */
  replaceAll(dump: DbDump): void {
    if (this.journal.open) throw new Error("Cannot restore a store inside a transaction");
    this.db.replace(dump);
    this.load();
  }

  /** True when the database held no entity when opened. */
  isEmpty(): boolean {
    return this.byId.size === 0;
  }

  private index(kind: Kind, entity: Entity): void {
    this.byKind.get(kind)?.set(entity.id, entity);
    this.byId.set(entity.id, { kind, entity });
    this.position.set(entity.id, this.nextPosition++);
    this.byStatus.get(kind)?.file(entity);
    if (kind === "task") this.listTask(entity);
  }

  /** Adds a task to its job's list. */
  private listTask(task: Entity): void {
    if (typeof task.job !== "string") return;
    let set = this.tasksByJob.get(task.job);
    if (!set) this.tasksByJob.set(task.job, (set = new Set()));
    set.add(task.id);
  }

  private unindex(id: string): void {
    const hit = this.byId.get(id);
    if (!hit) return;
    this.byId.delete(id);
    this.byKind.get(hit.kind)?.delete(id);
    this.position.delete(id);
    this.byStatus.get(hit.kind)?.drop(id);
    if (hit.kind === "task" && typeof hit.entity.job === "string") this.tasksByJob.get(hit.entity.job)?.delete(id);
  }

  /** Runs a write alone as a transaction unless one is open. */
  private atomic<T>(fn: () => T): T {
    return this.journal.open ? fn() : this.transaction(fn);
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

  /**
   * Entities of a job kind whose status (lower-cased) is one of `statuses`, or that have no string status,
   * in no particular order (see {@link Store.inCreationOrder}); undefined for a kind without a status index.
   */
  withStatus(kind: Kind, statuses: readonly string[]): Entity[] | undefined {
    return this.byStatus.get(kind)?.candidates(statuses);
  }

  /** Sorts entities (in place) in the order {@link Store.all} lists them: creation order. */
  inCreationOrder(entities: Entity[]): Entity[] {
    const at = (e: Entity): number => this.position.get(e.id) ?? 0;
    return entities.sort((a, b) => at(a) - at(b));
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
    return this.atomic(() => this.insertNow(kind, data, actor));
  }

  private insertNow(kind: Kind, data: Record<string, unknown>, actor?: string): Entity {
    const now = wireDate();
    const entity: Entity = { ...data, id: typeof data.id === "string" ? data.id : newId() };
    entity.created ??= now;
    entity.modified ??= now;
    if (actor) {
      entity.creator ??= actor;
      entity.modifier ??= actor;
    }
    if (this.byId.has(entity.id)) throw new ApiError(409, `An entity with id '${entity.id}' already exists`);
    this.journal.entity(entity.id, undefined);
    this.index(kind, entity);
    this.db.put(kind, entity);
    this.changes.record({ op: "created", kind, id: entity.id, entity });
    return entity;
  }

  /** Applies `changes` to an entity and stamps modified/modifier. */
  update(id: string, changes: Record<string, unknown>, actor?: string): Entity {
    const hit = this.byId.get(id);
    if (!hit) throw new Error(`No entity ${id}`);
    return this.atomic(() => {
      this.journal.entity(id, hit.entity);
      if (this.changes.active) this.changes.record({ op: "updated", kind: hit.kind, id, entity: hit.entity, changes: diff(hit.entity, changes) });
      Object.assign(hit.entity, changes, { modified: wireDate() }, actor ? { modifier: actor } : {});
      this.byStatus.get(hit.kind)?.file(hit.entity);
      this.db.put(hit.kind, hit.entity);
      return hit.entity;
    });
  }

  /** Removes an entity. */
  remove(id: string): void {
    const hit = this.byId.get(id);
    if (!hit) return;
    this.atomic(() => {
      this.journal.entity(id, hit.entity);
      this.changes.record({ op: "deleted", kind: hit.kind, id, entity: hit.entity });
      this.unindex(id);
      this.db.remove(id);
    });
  }

  /** The settings of a scope (created empty on first use). */
  scope(key: ScopeKey): Map<string, string> {
    let s = this.settings.get(key);
    if (!s) this.settings.set(key, (s = new Map()));
    return s;
  }

  /** Sets or deletes (undefined) a setting. */
  setSetting(key: ScopeKey, name: string, value: string | undefined): void {
    this.atomic(() => {
      this.journal.scope(key, this.settings.get(key));
      if (value === undefined) this.scope(key).delete(name);
      else this.scope(key).set(name, value);
      this.db.setting(key, name, value);
    });
  }

  /**
   * Runs `fn` as one transaction (nested calls are savepoints): when it throws, SQLite rolls back and the
   * in-memory index is restored to what it was before, then the error propagates.
   */
  transaction<T>(fn: () => T): T {
    const touched = this.journal.begin();
    const mark = this.changes.mark();
    try {
      const out = this.db.transaction(fn);
      this.journal.end(true);
      if (!this.journal.open) this.changes.flush();
      return out;
    } catch (err) {
      this.journal.end(false);
      this.changes.rollback(mark);
      this.restore(touched);
      throw err;
    }
  }

  /** Puts every touched entity and scope back as SQLite (already rolled back) holds it, keeping object identity. */
  private restore(touched: Touched): void {
    const reindexed = new Set<Kind>();
    for (const [id, original] of touched.entities) {
      const saved = this.db.entity(id);
      const current = this.byId.get(id);
      if (current && (!saved || current.entity !== original)) this.unindex(id);
      if (!saved) continue;
      const entity = original ?? saved.entity;
      if (original) {
        for (const k of Object.keys(original)) delete original[k];
        Object.assign(original, saved.entity);
        if (this.byId.has(id)) this.byStatus.get(saved.kind as Kind)?.file(original);
      }
      if (!this.byId.has(id)) {
        this.index(saved.kind as Kind, entity);
        reindexed.add(saved.kind as Kind);
      }
    }
    for (const kind of reindexed) this.reorder(kind);
    for (const [key, saved] of touched.scopes) {
      if (!saved) this.settings.delete(key);
      else {
        const scope = this.scope(key);
        scope.clear();
        for (const [k, v] of saved) scope.set(k, v);
      }
    }
  }

  /** Rebuilds the order of a kind (and of task lists) as creation order after entities came back. */
  private reorder(kind: Kind): void {
    const map = this.byKind.get(kind);
    if (!map) return;
    const entries = this.db.idsOf(kind).flatMap((id) => {
      const e = map.get(id);
      return e ? [[id, e] as const] : [];
    });
    map.clear();
    for (const [id, e] of entries) {
      map.set(id, e);
      this.position.set(id, this.nextPosition++);
    }
    if (kind !== "task") return;
    this.tasksByJob.clear();
    for (const t of map.values()) this.listTask(t);
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }
}
