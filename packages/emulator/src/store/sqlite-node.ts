import type { SqliteDatabase, SqlValue } from "./sqlite.js";

/** The part of `node:sqlite` the emulator uses (typed here: the project's @types/node is Node 20's). */
interface NodeSqliteModule {
  DatabaseSync: new (path: string) => {
    exec(sql: string): void;
    prepare(sql: string): {
      run(...params: SqlValue[]): unknown;
      get(...params: SqlValue[]): Record<string, SqlValue> | undefined;
      all(...params: SqlValue[]): Array<Record<string, SqlValue>>;
    };
    close(): void;
  };
}

const EXPERIMENTAL_NOTICE = "SQLite is an experimental feature";

/**
 * Loads `node:sqlite`, or undefined where Node has none (Node 20, or 22 before 22.13 without
 * --experimental-sqlite). Node 22 (22.23.5 too; 24.22.3 no longer) prints an ExperimentalWarning when the
 * module loads; that one warning is dropped, every other warning still goes through.
 */
function loadNodeSqlite(): NodeSqliteModule | undefined {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning: string | Error, ...rest: unknown[]): void {
    const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const text = typeof warning === "string" ? warning : warning.message;
    if (type === "ExperimentalWarning" && text.startsWith(EXPERIMENTAL_NOTICE)) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return process.getBuiltinModule("node:sqlite") as NodeSqliteModule | undefined;
  } catch {
    return undefined;
  } finally {
    process.emitWarning = emitWarning;
  }
}

let loaded: NodeSqliteModule | undefined | null = null;
const nodeSqlite = (): NodeSqliteModule | undefined => (loaded === null ? (loaded = loadNodeSqlite()) : loaded);

/** True when this Node has `node:sqlite` without flags (Node ≥ 22.13). */
export function nodeSqliteAvailable(): boolean {
  return nodeSqlite() !== undefined;
}

/** Opens a database with Node's built-in SQLite: nothing to install, nothing compiled. */
export function openNodeSqlite(path: string): SqliteDatabase {
  const sqlite = nodeSqlite();
  if (!sqlite) throw new Error(`node:sqlite is not available in Node ${process.version}: use Node ≥ 22.13, or install better-sqlite3`);
  const db = new sqlite.DatabaseSync(path);
  return {
    exec: (sql) => db.exec(sql),
    prepare: (sql) => {
      const statement = db.prepare(sql);
      return {
        run: (...params) => void statement.run(...params),
        get: (...params) => statement.get(...params),
        all: (...params) => statement.all(...params),
      };
    },
    close: () => db.close(),
  };
}
