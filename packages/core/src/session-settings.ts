/**
 * The numeric settings of a session, checked once when it is created (a bad value is an
 * {@link AccsynValidationError} before any I/O), with their defaults, and its rate limiter.
 */
import { AccsynValidationError } from "./errors.js";
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_RATE_LIMIT_RETRIES, DEFAULT_TIMEOUT_MS, type SessionOptions } from "./options.js";
import { RateLimiter } from "./rate-limiter.js";

/** Timeouts, retries, connection cap and pacing of one session. */
export interface SessionSettings {
  timeoutMs: number;
  connectTimeoutMs: number;
  retries: number;
  retryDelayMs: number;
  rateLimitRetries: number;
  maxSockets: number | undefined;
  /** Paces the session's requests; only with `maxRequestsPerSecond`. */
  limiter: RateLimiter | undefined;
}

/** Checks the options' numbers and fills in the defaults. */
export function resolveSettings(options: SessionOptions): SessionSettings {
  const { maxRequestsPerSecond, maxBurst } = options;
  return {
    timeoutMs: positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, "timeoutMs"),
    connectTimeoutMs: positive(options.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS, "connectTimeoutMs"),
    retries: options.retries ?? 2,
    retryDelayMs: options.retryDelayMs ?? 200,
    rateLimitRetries: count(options.rateLimitRetries, "rateLimitRetries", 0) ?? DEFAULT_RATE_LIMIT_RETRIES,
    maxSockets: count(options.maxSockets, "maxSockets", 1),
    limiter:
      maxRequestsPerSecond === undefined
        ? undefined
        : new RateLimiter({ requestsPerSecond: maxRequestsPerSecond, ...(maxBurst === undefined ? {} : { burst: maxBurst }) }),
  };
}

function count(value: number | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new AccsynValidationError(`Invalid ${name} ${String(value)}: use a whole number of at least ${min}.`);
  }
  return value;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new AccsynValidationError(`Invalid ${name} ${String(value)}: use a positive number of milliseconds.`);
  }
  return value;
}
