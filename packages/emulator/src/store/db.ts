import type { Entity } from "../util.js";
import { openSqlite, type SqliteBackend } from "./open-sqlite.js";
import type { SqlValue, SqliteDatabase, SqliteStatement } from "./sqlite.js";

/** Every row of every table, as {@link Db.dump} reads them (a test kit's snapshot). */
export type DbDump = Record<string, Array<Record<string, unknown>>>;

/** A row of the entity table. */
interface Row {
  id: string;
  kind: string;
  json: string;
}

/**
 * SQLite persistence of entities and settings (write-through; reads come from memory). Rows keep the rowid of
 * their first insert, so rowid order is creation order, the order of the in-memory index. Which SQLite
 * library answers (node:sqlite or better-sqlite3) is {@link openSqlite}'s choice; nothing here depends on it.
 */
export class Db {
  private readonly db: SqliteDatabase;
  private readonly putStmt: SqliteStatement;
  private readonly delStmt: SqliteStatement;
  private readonly putSetting: SqliteStatement;
  private readonly delSetting: SqliteStatement;
  private readonly rowStmt: SqliteStatement;
  private readonly idsStmt: SqliteStatement;
  /** Open transactions: 0 outside, 1 in a transaction, more in nested savepoints. */
  private depth = 0;

  /** Opens (and creates) the database; `file` undefined means in memory. */
  constructor(file?: string, backend?: SqliteBackend) {
    this.db = openSqlite(file, backend);
    if (file) this.db.exec("PRAGMA journal_mode = WAL");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, kind TEXT NOT NULL, code TEXT, json TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS entities_kind ON entities (kind);
      CREATE INDEX IF NOT EXISTS entities_kind_code ON entities (kind, code);
      CREATE TABLE IF NOT EXISTS settings (scope TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
        PRIMARY KEY (scope, name));
    `);
    this.putStmt = this.db.prepare("INSERT INTO entities (id, kind, code, json) VALUES (?, ?, ?, ?) " +
      "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, code = excluded.code, json = excluded.json");
    this.rowStmt = this.db.prepare("SELECT kind, json FROM entities WHERE id = ?");
    this.idsStmt = this.db.prepare("SELECT id FROM entities WHERE kind = ? ORDER BY rowid");
    this.delStmt = this.db.prepare("DELETE FROM entities WHERE id = ?");
    this.putSetting = this.db.prepare("INSERT OR REPLACE INTO settings (scope, name, value) VALUES (?, ?, ?)");
    this.delSetting = this.db.prepare("DELETE FROM settings WHERE scope = ? AND name = ?");
  }

  /** Every stored entity with its kind. */
  loadEntities(): Array<{ kind: string; entity: Entity }> {
    const rows = this.db.prepare("SELECT id, kind, json FROM entities ORDER BY rowid").all() as unknown as Row[];
    return rows.map((r) => ({ kind: r.kind, entity: JSON.parse(r.json) as Entity }));
  }

  /** The stored entity with an id (as written last), or undefined. */
  entity(id: string): { kind: string; entity: Entity } | undefined {
    const row = this.rowStmt.get(id) as Omit<Row, "id"> | undefined;
    return row && { kind: row.kind, entity: JSON.parse(row.json) as Entity };
  }

  /** Ids of the stored entities of a kind, in creation order. */
  idsOf(kind: string): string[] {
    return this.idsStmt.all(kind).map((row) => row.id as string);
  }

  /** Every stored setting. */
  loadSettings(): Array<{ scope: string; name: string; value: string }> {
    return this.db.prepare("SELECT scope, name, value FROM settings").all() as unknown as Array<{
      scope: string;
      name: string;
      value: string;
    }>;
  }

  /** True when nothing has been stored yet. */
  isEmpty(): boolean {
    const row = this.db.prepare("SELECT COUNT(*) AS n FROM entities").get() as { n: number };
    return row.n === 0;
  }

  /** Writes an entity. */
  put(kind: string, entity: Entity): void {
    const code = typeof entity.code === "string" ? entity.code : null;
    this.putStmt.run(entity.id, kind, code, JSON.stringify(entity));
  }

  /** Deletes an entity. */
  remove(id: string): void {
    this.delStmt.run(id);
  }

  /** Writes or deletes (value undefined) a setting. */
  setting(scope: string, name: string, value: string | undefined): void {
    if (value === undefined) this.delSetting.run(scope, name);
    else this.putSetting.run(scope, name, value);
  }

  /** Runs `fn` in one transaction (a savepoint when one is open): all of its writes, or none when it throws. */
  transaction<T>(fn: () => T): T {
    const savepoint = `s${this.depth}`;
    this.db.exec(this.depth === 0 ? "BEGIN" : `SAVEPOINT ${savepoint}`);
    this.depth++;
    try {
      const result = fn();
      this.db.exec(this.depth === 1 ? "COMMIT" : `RELEASE ${savepoint}`);
      return result;
    } catch (error) {
      this.db.exec(this.depth === 1 ? "ROLLBACK" : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      throw error;
    } finally {
      this.depth--;
    }
  }

  /** Every row of every table (in rowid order), for {@link Db.replace}. */
  dump(): DbDump {
    const out: DbDump = {};
    for (const table of this.tables()) out[table] = this.db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Array<Record<string, unknown>>;
    return out;
  }

  /** Replaces the content of every table with a {@link Db.dump}, in one transaction. */
  replace(dump: DbDump): void {
    this.transaction(() => {
      for (const table of this.tables()) {
        this.db.prepare(`DELETE FROM "${table}"`).run();
        const rows = dump[table] ?? [];
        const columns = Object.keys(rows[0] ?? {});
        if (columns.length === 0) continue;
        const insert = this.db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
        for (const row of rows) insert.run(...columns.map((c) => row[c] as SqlValue));
      }
    });
  }

  private tables(): string[] {
    return this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all()
      .map((row) => String(row.name));
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }
}
