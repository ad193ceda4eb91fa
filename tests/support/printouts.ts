/**
 * Every way a program prints or copies an object: `util.inspect` (default, `depth: Infinity`,
 * `showHidden`), `JSON.stringify`, `String()`, and the inspection and JSON of its
 * `structuredClone` (when it can be cloned). Tests check that none of them shows a secret.
 */
import { inspect } from "node:util";

/** The texts of every printout of `value`. */
export function printouts(value: unknown): string[] {
  const texts = [
    inspect(value),
    inspect(value, { depth: Infinity }),
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    safe(() => JSON.stringify(value)),
    safe(() => String(value)),
  ];
  let clone: unknown;
  try {
    clone = structuredClone(value);
  } catch {
    return texts; // functions or class internals: not cloneable, nothing to leak
  }
  return [...texts, inspect(clone, { depth: Infinity, showHidden: true }), safe(() => JSON.stringify(clone))];
}

function safe(print: () => string | undefined): string {
  try {
    return print() ?? "";
  } catch (error) {
    return `<unprintable: ${(error as Error).message}>`;
  }
}

/** The forms of an API key a printout must not contain: as is, base64, base64 without padding, URL-encoded. */
export function secretForms(apiKey: string, username?: string): string[] {
  const b64 = Buffer.from(apiKey).toString("base64");
  const forms = [apiKey, b64, b64.replace(/=+$/, ""), encodeURIComponent(apiKey)];
  if (username) forms.push(`${Buffer.from(username).toString("base64")}:${b64}`);
  return forms;
}
