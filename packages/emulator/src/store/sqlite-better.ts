import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase, SqlValue } from "./sqlite.js";

/**
 * Loads better-sqlite3, the optional native dependency used where Node has no `node:sqlite` (Node 20).
 * Required lazily, so an install without it (or without its compiled addon) still runs on Node ≥ 22.13.
 */
function loadBetterSqlite(): typeof BetterSqlite3 {
  try {
    return createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Error(
      `The emulator needs SQLite: Node ${process.version} has no node:sqlite and better-sqlite3 did not load (${reason}). ` +
        "Use Node ≥ 22.13, or install better-sqlite3 with its install script allowed (it builds a native addon).",
      { cause: error },
    );
  }
}

/** Opens a database with better-sqlite3. */
export function openBetterSqlite(path: string): SqliteDatabase {
  const Database = loadBetterSqlite();
  const db = new Database(path);
  return {
    exec: (sql) => void db.exec(sql),
    prepare: (sql) => {
      const statement = db.prepare<SqlValue[], Record<string, SqlValue>>(sql);
      return {
        run: (...params) => void statement.run(...params),
        get: (...params) => statement.get(...params),
        all: (...params) => statement.all(...params),
      };
    },
    close: () => void db.close(),
  };
}
