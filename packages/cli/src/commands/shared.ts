/** Small helpers the command modules share. */
/** Adds an `Examples:` section to a command's help. */
export function examples<C extends { addHelpText(position: "after", text: string): unknown }>(command: C, ...lines: string[]): C {
  command.addHelpText("after", `\nExamples:\n${lines.map((line) => `  $ ${line}`).join("\n")}`);
  return command;
}

/** The entity type of a query: its first word, lower-cased (`"User WHERE …"` → `user`). */
export function entityTypeOf(query: string): string {
  return query.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
}

/** Entity types that are jobs (can be waited for). */
export const JOB_TYPES: readonly string[] = ["job", "transfer", "compute", "delivery", "request", "stream"];

/** The id of a created entity (or of the first of a list). */
export function idOf(result: unknown): string | undefined {
  const first = Array.isArray(result) ? result[0] : result;
  const id = typeof first === "object" && first !== null ? (first as Record<string, unknown>).id : undefined;
  return typeof id === "string" ? id : undefined;
}
