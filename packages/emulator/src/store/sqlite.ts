/** A value SQLite stores or returns in the emulator's tables. */
export type SqlValue = string | number | null;

/** A prepared statement with positional parameters. */
export interface SqliteStatement {
  /** Runs a write. */
  run(...params: SqlValue[]): void;
  /** The first row, or undefined. */
  get(...params: SqlValue[]): Record<string, SqlValue> | undefined;
  /** Every row. */
  all(...params: SqlValue[]): Array<Record<string, SqlValue>>;
}

/** The few SQLite calls the store makes, whichever library answers them. */
export interface SqliteDatabase {
  /** Runs one or more statements without results. */
  exec(sql: string): void;
  /** Prepares a statement. */
  prepare(sql: string): SqliteStatement;
  /** Closes the connection. */
  close(): void;
}
