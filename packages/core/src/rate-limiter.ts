/**
 * A token bucket that keeps a session's requests under a rate before the service has to refuse
 * them: up to `burst` requests at once, then `requestsPerSecond` on average. Waiting callers are
 * served in order and can be cancelled.
 *
 * An own class rather than a library: `limiter` 4 starts with an empty bucket (no burst) and
 * cannot cancel a waiting caller; `p-throttle` counts a sliding window (no separate burst);
 * `bottleneck` has had no release since 2019.
 */
import { AccsynAbortError, AccsynValidationError } from "./errors.js";

/** Figures of a {@link RateLimiter}. */
export interface RateLimit {
  /** Sustained requests per second. */
  requestsPerSecond: number;
  /** Requests that may start at once after a quiet time (default: `requestsPerSecond`, at least 1). */
  burst?: number;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** A first-come, first-served token bucket. */
export class RateLimiter {
  /** Sustained rate, tokens per second. */
  readonly requestsPerSecond: number;
  /** Bucket size. */
  readonly burst: number;
  #tokens: number;
  #refilledAt = performance.now();
  readonly #waiters: Waiter[] = [];
  #timer: NodeJS.Timeout | undefined;

  /** Creates a full bucket; throws {@link AccsynValidationError} for figures that are not positive. */
  constructor({ requestsPerSecond, burst }: RateLimit) {
    if (typeof requestsPerSecond !== "number" || !Number.isFinite(requestsPerSecond) || requestsPerSecond <= 0) {
      throw new AccsynValidationError(`Invalid maxRequestsPerSecond ${String(requestsPerSecond)}: use a positive number (the accsyn service allows 30).`);
    }
    const size = burst ?? Math.max(1, requestsPerSecond);
    if (typeof size !== "number" || !Number.isFinite(size) || size < 1) {
      throw new AccsynValidationError(`Invalid maxBurst ${String(burst)}: use a number of at least 1 (the accsyn service allows 60).`);
    }
    this.requestsPerSecond = requestsPerSecond;
    this.burst = Math.floor(size);
    this.#tokens = this.burst;
  }

  /** Resolves when a request may start; rejects with an {@link AccsynAbortError} when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(aborted());
    if (this.#waiters.length === 0 && this.#take()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.#waiters.indexOf(waiter);
          if (index >= 0) this.#waiters.splice(index, 1);
          reject(aborted());
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
      this.#schedule();
    });
  }

  #take(): boolean {
    const now = performance.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#refilledAt) / 1000) * this.requestsPerSecond);
    this.#refilledAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #schedule(): void {
    if (this.#timer) return;
    const wait = Math.max(1, Math.ceil(((1 - this.#tokens) / this.requestsPerSecond) * 1000));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      while (this.#waiters.length > 0 && this.#take()) {
        const waiter = this.#waiters.shift()!;
        waiter.signal?.removeEventListener("abort", waiter.onAbort);
        waiter.resolve();
      }
      if (this.#waiters.length > 0) this.#schedule();
    }, wait);
  }
}

function aborted(): AccsynAbortError {
  return new AccsynAbortError("The call was aborted while it waited for its turn under maxRequestsPerSecond.", { networkCode: "ABORTED" });
}
