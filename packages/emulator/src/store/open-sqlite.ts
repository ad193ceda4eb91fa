import type { SqliteDatabase } from "./sqlite.js";
import { openBetterSqlite } from "./sqlite-better.js";
import { nodeSqliteAvailable, openNodeSqlite } from "./sqlite-node.js";

/** The SQLite libraries the emulator can run on. */
export type SqliteBackend = "node:sqlite" | "better-sqlite3";

/** Environment variable that forces one back-end (otherwise node:sqlite where Node has it). */
export const SQLITE_BACKEND_ENV = "ACCSYN_EMULATOR_SQLITE";

/**
 * The back-end to use: `ACCSYN_EMULATOR_SQLITE` when set, else node:sqlite where Node has it built in
 * (Node ≥ 22.13), else better-sqlite3 (the optional native dependency, for Node 20).
 */
export function sqliteBackend(env: NodeJS.ProcessEnv = process.env): SqliteBackend {
  const forced = env[SQLITE_BACKEND_ENV];
  if (forced === "node:sqlite" || forced === "better-sqlite3") return forced;
  if (forced) throw new Error(`${SQLITE_BACKEND_ENV}=${forced}: use "node:sqlite" or "better-sqlite3", or leave it unset`);
  return nodeSqliteAvailable() ? "node:sqlite" : "better-sqlite3";
}

/** Opens (and creates) a database on the chosen back-end; `file` undefined means in memory. */
export function openSqlite(file?: string, backend: SqliteBackend = sqliteBackend()): SqliteDatabase {
  return backend === "node:sqlite" ? openNodeSqlite(file ?? ":memory:") : openBetterSqlite(file ?? ":memory:");
}
