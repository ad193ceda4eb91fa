/** Shared by the examples: readable renderings of sizes and user references. */

/** A byte count for people: `512 bytes`, `1.5 MiB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return "? bytes";
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * The e-mail in a user reference: `*_hr` attributes render users as
 * `user:lisa@example.com[standard](<id>)`, some answers as the bare e-mail.
 */
export function userLabel(hr: unknown, fallback = "unknown user"): string {
  if (typeof hr !== "string" || hr === "") return fallback;
  return hr.replace(/^user:/, "").replace(/\[[^\]]*\]\([0-9a-f]+\)$/, "");
}
