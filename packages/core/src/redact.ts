/**
 * Keeping secrets out of every printout: the masker hides API keys (and their base64 forms and
 * Authorization headers) in any text the SDK writes, and {@link maskedView} gives objects that
 * hold secrets a `util.inspect` / `JSON.stringify` form that shows only what is safe.
 *
 * Secrets live in `#private` fields only: `util.inspect` (any depth, `showHidden`),
 * `JSON.stringify` and `structuredClone` never see those.
 */
import { inspect, type InspectOptionsStylized } from "node:util";

/** What stands in for a secret in every printout. */
export const MASK = "***";

/** A set of secret strings and a function that hides them in text. */
export class SecretMasker {
  /** The secrets and their encoded forms, longest first (a short one never breaks up a longer one). */
  #secrets: string[] = [];

  /**
   * Registers a secret; its base64, unpadded base64 and URL-encoded forms are masked too. Any
   * non-empty value counts, however short: a short key is still what the session authenticates
   * with (masking it may blank out more of a text than the key, never less).
   */
  add(secret: string | undefined): void {
    if (!secret) return;
    const b64 = Buffer.from(secret, "utf8").toString("base64");
    const forms = new Set([...this.#secrets, secret, b64, b64.replace(/=+$/, ""), encodeURIComponent(secret)]);
    this.#secrets = [...forms].filter((form) => form !== "").sort((a, b) => b.length - a.length);
  }

  /** Returns `text` with every registered secret replaced by `***`. */
  mask(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    return out.replace(/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[^"',\s}]+/gi, `$1$2 ${MASK}`);
  }

  /** Shows how many secrets are held, never which. */
  [inspect.custom](): string {
    return `SecretMasker { secrets: ${MASK} (${this.#secrets.length}) }`;
  }

  /** The JSON form: the count of secrets only. */
  toJSON(): Record<string, unknown> {
    return { secrets: MASK, count: this.#secrets.length };
  }
}

/**
 * The `util.inspect` text of an object that holds secrets: its class name and the safe fields
 * `visible` returns (secret fields appear as `***`).
 */
export function maskedView(
  name: string,
  visible: Record<string, unknown>,
  depth: number,
  options: InspectOptionsStylized,
): string {
  if (depth < 0) return options.stylize(`[${name}]`, "special");
  return `${name} ${inspect(visible, { ...options, depth: options.depth === null ? null : depth })}`;
}
