/**
 * A token bucket that keeps a session's requests under a rate before the service has to refuse
 * them: up to `burst` requests at once, then `requestsPerSecond` on average. Waiting callers are
 * served in order (a retry ahead of the calls not sent yet) and can be cancelled, or give up their
 * place at a deadline: no token is handed to a caller that stopped waiting.
 *
 * An own class rather than a library: `limiter` 4 starts with an empty bucket (no burst) and
 * cannot cancel a waiting caller; `p-throttle` counts a sliding window (no separate burst);
 * `bottleneck` has had no release since 2019.
 */
import { AccsynAbortError, AccsynRateLimitError, AccsynValidationError } from "./errors.js";

/** Figures of a {@link RateLimiter}. */
export interface RateLimit {
  /** Sustained requests per second. */
  requestsPerSecond: number;
  /** Requests that may start at once after a quiet time (default: `requestsPerSecond`, at least 1). */
  burst?: number;
}

/** How long and where a caller waits for its turn. */
export interface AcquireOptions {
  /**
   * Give up the place after this many ms: the promise rejects with an {@link AccsynRateLimitError}
   * (at once when the turn is already known to come later). Default: wait as long as it takes.
   */
  timeoutMs?: number;
  /** Wait ahead of the callers that did not set it (after those that did): a retry of a call already sent. */
  ahead?: boolean;
}

interface Waiter {
  resolve(): void;
  ahead: boolean;
  /** Removes the waiter's abort listener and deadline timer. */
  release(): void;
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
  /** How many waiters at the front of the queue asked to be `ahead`. */
  #ahead = 0;
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

  /** How many callers wait for their turn. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Resolves when a request may start; rejects with an {@link AccsynAbortError} when `signal`
   * aborts first, or with an {@link AccsynRateLimitError} when `timeoutMs` passes first.
   */
  acquire(signal?: AbortSignal, options: AcquireOptions = {}): Promise<void> {
    if (signal?.aborted) return Promise.reject(aborted());
    const ahead = options.ahead === true;
    if ((this.#waiters.length === 0 || (ahead && this.#ahead === 0)) && this.#take()) return Promise.resolve();
    const place = ahead ? this.#ahead : this.#waiters.length;
    const turnMs = this.#turnInMs(place);
    const { timeoutMs } = options;
    if (timeoutMs !== undefined && turnMs > timeoutMs) return Promise.reject(this.#noTurn(timeoutMs, turnMs, place));
    return new Promise<void>((resolve, reject) => {
      const leave = (error: Error): void => {
        const index = this.#waiters.indexOf(waiter);
        if (index < 0) return;
        this.#waiters.splice(index, 1);
        if (waiter.ahead) this.#ahead -= 1;
        waiter.release();
        reject(error);
      };
      const onAbort = (): void => leave(aborted());
      const deadline = timeoutMs === undefined ? undefined : setTimeout(() => leave(this.#noTurn(timeoutMs, this.#turnInMs(place), place)), timeoutMs);
      deadline?.unref();
      const waiter: Waiter = {
        resolve,
        ahead,
        release: () => {
          clearTimeout(deadline);
          signal?.removeEventListener("abort", onAbort);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiters.splice(place, 0, waiter);
      if (ahead) this.#ahead += 1;
      this.#schedule();
    });
  }

  /** The ms until the waiter at `place` (0 = next) gets its token, when nobody leaves the queue. */
  #turnInMs(place: number): number {
    const now = performance.now();
    const tokens = Math.min(this.burst, this.#tokens + ((now - this.#refilledAt) / 1000) * this.requestsPerSecond);
    return Math.max(0, ((place + 1 - tokens) / this.requestsPerSecond) * 1000);
  }

  #noTurn(timeoutMs: number, turnMs: number, place: number): AccsynRateLimitError {
    return new AccsynRateLimitError(
      `No turn under maxRequestsPerSecond (${this.requestsPerSecond}/s) within ${Math.round(timeoutMs)} ms: ${place} requests wait ahead, the turn is ${Math.ceil(turnMs)} ms away. ` +
        "Raise the call's budget (timeoutMs) or maxRequestsPerSecond, or send fewer calls at once.",
      { retryAfterMs: Math.ceil(turnMs) },
    );
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
        if (waiter.ahead) this.#ahead -= 1;
        waiter.release();
        waiter.resolve();
      }
      if (this.#waiters.length > 0) this.#schedule();
    }, wait);
  }
}

function aborted(): AccsynAbortError {
  return new AccsynAbortError("The call was aborted while it waited for its turn under maxRequestsPerSecond.", { networkCode: "ABORTED" });
}
