/**
 * A backend's query syntax error, told in terms of what the user typed: the backend counts its
 * position inside the expression it received (after `WHERE`); the user typed the whole query.
 */
import { QUERY_SYNTAX_ERROR, sdkCode, usageError } from "./errors.js";

/**
 * Where the expression begins in `<type> WHERE <expression>` as typed: after `WHERE` and the
 * spaces that follow (the backend counts in the trimmed expression); 0 without `WHERE`.
 */
export function expressionStart(query: string): number {
  const match = /^\s*\S+\s+where\s+/i.exec(query);
  return match ? match[0].length : 0;
}

/**
 * Runs `call`; a query syntax error from the backend becomes a usage error (exit 2) whose
 * position counts in `typed`, the expression starting at `expressionAt` in it.
 */
export async function withQueryPositions<T>(typed: string, expressionAt: number, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    if (sdkCode(error) !== "ACCSYN_API" || !QUERY_SYNTAX_ERROR.test(message)) throw error;
    const moved = message.replace(/\bposition (\d+)/, (_, at: string) => `position ${expressionAt + Number(at)}`);
    throw usageError(`${moved.replace(/[.!]$/, "")} — in "${typed}" (positions count from 0).`);
  }
}
