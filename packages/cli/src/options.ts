/** Argument parsers for commander options (they raise commander's usage errors, exit code 2). */
import { InvalidArgumentError } from "@commander-js/extra-typings";

/** A whole number ≥ 0. */
export function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError("Use a whole number of 0 or more.");
  return n;
}

/** A TCP port, 0–65535 (0 picks a free one where that makes sense). */
export function parsePort(value: string): number {
  const n = parseCount(value);
  if (n > 65535) throw new InvalidArgumentError("Use a port from 1 to 65535.");
  return n;
}

/** A positive number of seconds. */
export function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("Use a positive number of seconds, e.g. 30 or 0.5.");
  return n;
}
