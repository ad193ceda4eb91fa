/**
 * Masks secrets (API keys, their base64 forms, Authorization headers) in any text the SDK writes:
 * log lines, error messages and error causes.
 */

const MASK = "***";

/** A set of secret strings and a function that hides them in text. */
export class SecretMasker {
  private readonly secrets = new Set<string>();

  /** Registers a secret; its base64 and base64url forms are masked too. Short values are ignored. */
  add(secret: string | undefined): void {
    if (!secret || secret.length < 4) return;
    this.secrets.add(secret);
    const b64 = Buffer.from(secret, "utf8").toString("base64");
    this.secrets.add(b64);
    this.secrets.add(b64.replace(/=+$/, ""));
    this.secrets.add(encodeURIComponent(secret));
  }

  /** Returns `text` with every registered secret replaced by `***`. */
  mask(text: string): string {
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    return out.replace(/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[^"',\s}]+/gi, `$1$2 ${MASK}`);
  }
}
