/** JSON shown readably. */
export function Json({ value, label }: { value: unknown; label: string }) {
  let text: string;
  if (typeof value === "string") {
    try {
      text = JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      text = value;
    }
  } else text = JSON.stringify(value, null, 2) ?? "";
  return <pre class="json" aria-label={label} tabIndex={0}>{text}</pre>;
}

/** Bytes in a readable unit. */
export function bytes(n: unknown): string {
  const v = Number(n ?? 0);
  if (!Number.isFinite(v) || v <= 0) return "0 B";
  const units = ["B", "kB", "MB", "GB", "TB"];
  const i = Math.min(units.length - 1, Math.floor(Math.log10(v) / 3));
  return `${(v / 10 ** (i * 3)).toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}
