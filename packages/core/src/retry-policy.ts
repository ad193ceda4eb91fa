/**
 * When a failed attempt is sent again, and after how long.
 *
 * - A rate-limit answer (HTTP 429) proves the request was refused before any work was done, so
 *   every method (GET, POST, PUT, DELETE) is sent again, after the answer's `Retry-After` (or a
 *   backoff when it has none), up to `rateLimitRetries` times.
 * - Connection errors and 502/503/504 are retried for GET only (up to `retries` times): for the
 *   other methods nothing proves the backend did not act. A `Retry-After` on them is honoured too.
 *
 * Every delay gets random jitter, so a fan-out that was refused at once does not come back at once.
 */

/** HTTP statuses that say "too many requests": nothing was done, send it again later. */
export const RATE_LIMIT_STATUS = 429;
/** Statuses retried for GET. */
export const RETRY_STATUS = [502, 503, 504];
/** Errors below HTTP retried for GET. */
export const RETRY_ERRORS = ["ECONNRESET", "ECONNREFUSED", "EPIPE", "ENOTFOUND", "ENETUNREACH", "EAI_AGAIN", "ETIMEDOUT"];
/** A `Retry-After` longer than this is not waited for: the call fails with the answer. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Longest backoff when the answer names no `Retry-After`. */
const MAX_BACKOFF_MS = 5_000;

/** The figures of a {@link retryDelay} decision. */
export interface RetryPolicy {
  /** Retries of a GET on connection errors and 502/503/504. */
  retries: number;
  /** Retries of any call refused with 429. */
  rateLimitRetries: number;
  /** First backoff, doubled on each retry, when the answer names no `Retry-After`. */
  retryDelayMs: number;
}

/** What got tells about a failed attempt. */
export interface FailedAttempt {
  /** 1 for the first retry. */
  attemptCount: number;
  method: string;
  status: number | undefined;
  code: string | undefined;
  /** The answer's `Retry-After` in ms, when it named one. */
  retryAfterMs: number | undefined;
}

/** The delay before the next attempt in ms, or 0 to give up and report the failure. */
export function retryDelay(policy: RetryPolicy, attempt: FailedAttempt): number {
  const { attemptCount, method, status, code, retryAfterMs } = attempt;
  const rateLimited = status === RATE_LIMIT_STATUS;
  const limit = rateLimited ? policy.rateLimitRetries : policy.retries;
  if (attemptCount > limit) return 0;
  if (!rateLimited) {
    if (method !== "GET") return 0;
    // a connection error can come after the status line (a reset mid-body): the code decides then
    const retryable = RETRY_ERRORS.includes(code ?? "") || (status !== undefined && RETRY_STATUS.includes(status));
    if (!retryable) return 0;
  }
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > MAX_RETRY_AFTER_MS) return 0;
    return Math.max(1, retryAfterMs) * (1 + Math.random() / 2);
  }
  return Math.min(policy.retryDelayMs * 2 ** (attemptCount - 1), MAX_BACKOFF_MS) * (1 + Math.random() / 4);
}

/** Reads a `Retry-After` header (seconds or an HTTP date) as ms; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === "") return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
