/**
 * Pacing for polling loops (`watch`): an abortable pause, which failures are worth retrying,
 * and the back-off delay after consecutive failures.
 */
import { AccsynError } from "@accsyn/core";

/** Resolves after `ms`, or at once when `signal` aborts (never rejects: the caller checks the signal). */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * True for failures a later attempt may not meet: no connection, a timeout, an answer that was not
 * the backend's JSON (a proxy's error page while it restarts), a rate limit, HTTP 408, 429 and 5xx.
 * Refused credentials, permissions, unknown entities and bad queries are not retried.
 */
export function isTransient(error: unknown): boolean {
  if (!AccsynError.isInstance(error)) return false;
  if (["ACCSYN_NETWORK", "ACCSYN_PROTOCOL", "ACCSYN_RATE_LIMIT"].includes(error.code)) return true;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" && (status === 408 || status === 429 || status >= 500);
}

/** True when the backend answered and refused the request itself (a bad query, an unknown entity): retrying cannot help. */
export function isRefusal(error: unknown): boolean {
  return AccsynError.isInstance(error) && (error.code === "ACCSYN_API" || error.code === "ACCSYN_NOT_FOUND") && !isTransient(error);
}

/** The wait before the next attempt after `failures` consecutive failures: `interval` doubled each time, at most `cap`. */
export function backoffDelay(interval: number, failures: number, cap: number): number {
  if (failures <= 0) return interval;
  return Math.min(cap, Math.max(interval, 250) * 2 ** Math.min(failures, 20));
}
