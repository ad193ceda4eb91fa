import { SESSION_SCOPE } from "../access/auth.js";
import type { DbDump } from "../store/db.js";
import type { Store } from "../store/store.js";
import { readFiles, type SnapshotFile, writeFiles } from "./files.js";

/** The format tag of {@link StateSnapshot}. */
export const SNAPSHOT_FORMAT = "accsyn-emulator-snapshot/1";

/** Stands for the data directory in snapshot rows, so a snapshot moves to another emulator. */
const DATA_DIR = "${dataDir}";

/**
 * An emulator's whole state, verbatim: every stored row (entities with their ids, dates and internal
 * fields; settings) and every file under the data directory. Open sessions are not part of it.
 */
export interface StateSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** Rows by table; the data directory's path is written `${dataDir}`. */
  tables: DbDump;
  /** Files and directories under the data directory. */
  files: SnapshotFile[];
}

/** Replaces `from` by `to` in every string column of every row. */
function rewrite(tables: DbDump, from: string, to: string): DbDump {
  const out: DbDump = {};
  for (const [table, rows] of Object.entries(tables)) {
    out[table] = rows.map((row) => {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) copy[k] = typeof v === "string" ? v.split(from).join(to) : v;
      return copy;
    });
  }
  return out;
}

/** A state as this emulator holds it (paths not rewritten): what a reset puts back. */
export type LocalState = Omit<StateSnapshot, "format">;

/** Reads the state of a store and its data directory, without sessions, with paths as they are. */
export function readState(store: Store, dataDir: string): LocalState {
  const tables = store.dump();
  if (tables.settings) tables.settings = tables.settings.filter((r) => r.scope !== SESSION_SCOPE);
  return { tables, files: readFiles(dataDir) };
}

/** Puts a state in place of a store's and its data directory's, keeping the open sessions. */
export function writeState(store: Store, dataDir: string, state: LocalState): void {
  const sessions = [...store.scope(SESSION_SCOPE)];
  store.replaceAll(state.tables);
  writeFiles(dataDir, state.files);
  store.transaction(() => {
    for (const [id, user] of sessions) store.setSetting(SESSION_SCOPE, id, user);
  });
}

/** Reads the state of a store and its data directory as a portable snapshot (without sessions). */
export function takeSnapshot(store: Store, dataDir: string): StateSnapshot {
  const { tables, files } = readState(store, dataDir);
  return { format: SNAPSHOT_FORMAT, tables: rewrite(tables, dataDir, DATA_DIR), files };
}

/** Loads a snapshot (from {@link takeSnapshot}, maybe of another emulator) into a store and its data directory. */
export function restoreSnapshot(store: Store, dataDir: string, snapshot: StateSnapshot): void {
  if (snapshot.format !== SNAPSHOT_FORMAT) throw new Error(`Unknown snapshot format '${String(snapshot.format)}' (expected '${SNAPSHOT_FORMAT}')`);
  writeState(store, dataDir, { tables: rewrite(snapshot.tables, DATA_DIR, dataDir), files: snapshot.files });
}
