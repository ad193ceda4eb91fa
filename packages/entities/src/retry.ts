/**
 * Pacing for polling loops (`watch` and `waitFor`, one policy for both): an abortable pause, which
 * failures are worth retrying, the back-off delay after consecutive failures, and
 * {@link PollFailures}, which applies them to a loop.
 */
import { AccsynError, type Session } from "@accsyn/core";

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

/** What an `onRetry` callback (of `watch` and `waitFor`) receives when a poll failed and will be retried. */
export interface PollRetry {
  /** The failure (a network error, a 5xx answer, a rate limit, …). */
  error: unknown;
  /** Consecutive failures so far (1 for the first). */
  failures: number;
  /** Milliseconds until the next attempt. */
  delay: number;
}

/** How a polling loop retries. */
export interface PollRetryPolicy {
  /** Whose log tells the outage and the recovery. */
  session: Pick<Session, "log">;
  /** Names the loop in those lines, e.g. `watch "transfer"`. */
  label: string;
  /** The loop's interval, ms: the back-off starts from it (at least 250 ms). */
  interval: number;
  /** The longest back-off, ms (a rate limit's `Retry-After` is still honoured when longer). */
  cap: number;
  onRetry?: ((retry: PollRetry) => void) | undefined;
}

/**
 * Consecutive failures of a polling loop. A transient failure is retried after the back-off (or
 * the wait a rate limit asked, when longer); anything else is thrown. The first failure of an
 * outage and the recovery are logged once each, as warnings.
 */
export class PollFailures {
  readonly #policy: PollRetryPolicy;
  #count = 0;

  constructor(policy: PollRetryPolicy) {
    this.#policy = policy;
  }

  /** A poll succeeded. */
  succeeded(): void {
    if (this.#count > 0) this.#policy.session.log.warn(`${this.#policy.label}: the backend answers again after ${this.#count} failed poll(s).`);
    this.#count = 0;
  }

  /** A poll failed: throws `error` unless it is transient, else returns the ms to wait before the next poll. */
  failed(error: unknown): number {
    if (!isTransient(error)) throw error;
    const { session, label, interval, cap, onRetry } = this.#policy;
    this.#count += 1;
    const asked = (error as { retryAfterMs?: unknown }).retryAfterMs;
    const delay = Math.max(backoffDelay(interval, this.#count, cap), typeof asked === "number" ? asked : 0);
    if (this.#count === 1) session.log.warn(`${label}: ${(error as Error).message} Retrying, backing off up to ${cap} ms.`);
    onRetry?.({ error, failures: this.#count, delay });
    return delay;
  }
}
