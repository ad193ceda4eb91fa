/**
 * The time budget of one call: `connectTimeoutMs + timeoutMs`, counted from the moment its first
 * attempt goes on the wire. It covers the attempts on the wire and the waits between them (the
 * service's `Retry-After`, a backoff, a retry's turn under `maxRequestsPerSecond`); it does not
 * cover the wait for the first turn in the session's own queue, which is as long as the calls
 * ahead of it (only the caller's `signal` ends that wait), so a fan-out of any size gets sent.
 *
 * A retry whose wait would outlast what is left is not waited for: the call ends with the failure
 * it had (for a 429, an `AccsynRateLimitError` saying how long the service asked to wait).
 */

/** How a call that stopped retrying for its budget is told in its error. */
export interface BudgetNote {
  /** The whole budget, ms. */
  totalMs: number;
  /** What was left of it when the call stopped retrying, ms. */
  leftMs: number;
}

/** One call's budget, shared by its attempts (and read by the retry policy through got's `context`). */
export class CallBudget {
  /** The whole budget, ms. */
  readonly totalMs: number;
  /** `performance.now()` at which the budget runs out; `Infinity` until the first attempt is sent. */
  deadline = Number.POSITIVE_INFINITY;
  /** Set when the budget ran out. */
  expired = false;
  /** The failure the call is waiting to retry after (between attempts); `undefined` while on the wire. */
  waitingAfter: unknown;
  /** Set when the call stopped retrying because the wait would have outlasted the budget. */
  note: BudgetNote | undefined;

  constructor(totalMs: number) {
    this.totalMs = totalMs;
  }

  /** Starts the clock (on the first attempt only); returns the ms left. */
  start(): number {
    if (this.deadline === Number.POSITIVE_INFINITY) this.deadline = performance.now() + this.totalMs;
    return this.leftMs();
  }

  /** The ms left (the whole budget before the first attempt). */
  leftMs(): number {
    return this.deadline === Number.POSITIVE_INFINITY ? this.totalMs : Math.max(0, this.deadline - performance.now());
  }

  /**
   * The delay to retry after `failure`, or 0 (give up, report the failure) when the policy said
   * 0 or when the wait would outlast the budget.
   */
  retryDelay(delayMs: number, failure: unknown): number {
    if (delayMs <= 0) return 0;
    const leftMs = this.leftMs();
    if (delayMs >= leftMs) {
      this.note = { totalMs: this.totalMs, leftMs };
      return 0;
    }
    this.waitingAfter = failure;
    return delayMs;
  }

  /** The next attempt goes on the wire. */
  sending(): void {
    this.waitingAfter = undefined;
  }

  /** The budget ran out (or would, before the call's next turn): the note for its error. */
  ranOut(): BudgetNote {
    this.note = { totalMs: this.totalMs, leftMs: this.leftMs() };
    this.expired = true;
    return this.note;
  }
}
