/** The value that replaces a secret. */
export const MASK = "***";

/** Keys whose values are secrets wherever they appear. */
const SECRET_KEY = /^(api_?key|apikey|api_keys|password|secret|token|session|session_id|authorization)$/i;

/**
 * A copy of `value` with secrets masked: values under secret-looking keys, and any string containing one
 * of `secrets` (the workspace's API keys). Depth and size are bounded; cycles cannot occur (JSON data).
 */
export function maskSecrets(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return maskText(value, secrets);
  if (value === null || typeof value !== "object") return value;
  if (depth > 20) return "…";
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && v !== "" ? MASK : maskSecrets(v, secrets, depth + 1);
  return out;
}

/** `text` with every occurrence of a secret replaced by {@link MASK}. */
export function maskText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 6 && out.includes(s)) out = out.split(s).join(MASK);
  return out;
}
