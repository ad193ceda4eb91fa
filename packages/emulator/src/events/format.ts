import type { StreamEvent } from "./types.js";

/** How `--log` prints the stream: one readable line per event, or one JSON object per line. */
export type LogFormat = "text" | "json";

const short = (id: string): string => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

function changesText(changes: Record<string, unknown> | undefined): string {
  if (!changes) return "";
  const parts = Object.entries(changes).slice(0, 6).map(([k, v]) => {
    const text = typeof v === "string" ? v : JSON.stringify(v) ?? "null";
    return `${k}=${text.length > 40 ? `${text.slice(0, 39)}…` : text}`;
  });
  return parts.length ? ` ${parts.join(" ")}${Object.keys(changes).length > 6 ? " …" : ""}` : "";
}

/** One readable line for an event (without a trailing newline). */
export function formatEvent(e: StreamEvent): string {
  const at = e.time.slice(11, 23);
  switch (e.type) {
    case "request": {
      const who = e.user ? ` ${e.user} (${e.role ?? "?"})` : "";
      const via = e.via ? ` via ${e.via}` : "";
      return `${at} request  ${e.method} ${e.uri}${e.id ? ` id=${e.id}` : ""}${who}${via} → ${e.status} in ${e.ms} ms${e.error ? `: ${e.error}` : ""}`;
    }
    case "entity": return `${at} ${e.op.padEnd(8)} ${e.entitytype} ${short(e.id)}${e.code ? ` '${e.code}'` : ""}${changesText(e.changes)}`;
    case "transition": {
      const of = e.job ? ` of ${short(e.job)}` : "";
      return `${at} status   ${e.entitytype} ${short(e.id)}${e.name ? ` '${e.name}'` : ""}${of}: ${e.from} → ${e.to}${e.reason ? `: ${e.reason}` : ""}`;
    }
    case "progress": return `${at} progress ${e.entitytype} ${short(e.id)} ${e.progress}%`;
    case "reset": return `${at} reset    the workspace is back to its seed`;
    case "file": return `${at} file     ${e.op} ${e.paths.join(", ")}${e.user ? ` by ${e.user}` : ""} → ${e.status}`;
  }
}

/** The log printer for `--log`: lines in `format`, progress only at milestones (25, 50, 75 %). */
export function logPrinter(write: (line: string) => void, format: LogFormat = "text"): (e: StreamEvent) => void {
  return (e) => {
    if (e.type === "progress" && !e.milestone) return;
    write(format === "json" ? JSON.stringify(e) : formatEvent(e));
  };
}
