import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase, SqlValue } from "./sqlite.js";

/** What to say when better-sqlite3 cannot run here (not installed, or its native addon was never built). */
function unavailable(error: unknown): Error {
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return new Error(
    `The emulator needs SQLite: Node ${process.version} has no node:sqlite and better-sqlite3 did not load (${reason}). ` +
      "Use Node ≥ 22.13, or install better-sqlite3 with its install script allowed (it builds a native addon).",
    { cause: error },
  );
}

/** True for the errors of a missing package or a missing / mismatched native addon (not of opening a file). */
function isLoadError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "MODULE_NOT_FOUND" || code === "ERR_DLOPEN_FAILED") return true;
  return error instanceof Error && /bindings file|NODE_MODULE_VERSION|invalid ELF header|\.node\b/.test(error.message);
}

/**
 * Loads better-sqlite3, the optional native dependency used where Node has no `node:sqlite` (Node 20).
 * Required lazily, so an install without it (or without its compiled addon) still runs on Node ≥ 22.13.
 * Its addon loads on the first `new Database`, so that is checked too.
 */
function loadBetterSqlite(): typeof BetterSqlite3 {
  try {
    return createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
  } catch (error) {
    throw unavailable(error);
  }
}

/** Opens a database with better-sqlite3. */
export function openBetterSqlite(path: string): SqliteDatabase {
  const Database = loadBetterSqlite();
  let db: BetterSqlite3.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw isLoadError(error) ? unavailable(error) : error;
  }
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
