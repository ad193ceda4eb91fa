/**
 * The error hierarchy of the SDK. Every failure is an {@link AccsynError}; the subclass tells the
 * kind, `code` is stable for programs, and `message` tells a person what to do.
 *
 * Errors carry a `Symbol.for` marker so `isInstance` works across duplicated package copies.
 */

const MARKER = Symbol.for("accsyn.error");

/** Options shared by every accsyn error. */
export interface AccsynErrorOptions {
  /** The underlying error, already redacted of secrets. */
  cause?: unknown;
}

/** Base class of every error the SDK throws. */
export class AccsynError extends Error {
  /** Stable machine-readable kind, e.g. `ACCSYN_VALIDATION`. */
  readonly code: string = "ACCSYN_ERROR";
  readonly [MARKER] = true;

  constructor(message: string, options?: AccsynErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }

  /** True for any accsyn error, even one thrown by another copy of this package. */
  static isInstance(value: unknown): value is AccsynError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  /** A JSON form without stack or cause, safe to log. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const key of ["uri", "status", "host", "port"] as const) {
      const value = (this as Record<string, unknown>)[key];
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
}

/** Bad input, found before anything was sent. */
export class AccsynValidationError extends AccsynError {
  override readonly code: string = "ACCSYN_VALIDATION";
}

/** Details of an answer the backend gave. */
export interface AccsynApiErrorOptions extends AccsynErrorOptions {
  /** The operation, e.g. `user/find` or `/api/login`. */
  uri?: string;
  /** HTTP status when it was not 2xx. */
  status?: number;
  /** The backend's raw `message` key (when `message_hr` was shown instead), or its `exception` text for admin and support users. */
  backendMessage?: string;
}

/** The backend answered with `message`, `message_hr` or `exception`. */
export class AccsynApiError extends AccsynError {
  override readonly code: string = "ACCSYN_API";
  /** The operation that failed. */
  readonly uri: string | undefined;
  /** HTTP status, when it was not 2xx. */
  readonly status: number | undefined;
  /** The backend's raw `message` key, or its `exception` text for admin and support users. */
  readonly backendMessage: string | undefined;

  constructor(message: string, options: AccsynApiErrorOptions = {}) {
    super(message, options);
    this.uri = options.uri;
    this.status = options.status;
    this.backendMessage = options.backendMessage;
  }
}

/** A job reached a failing status (`failed`, `aborted`, …) while the SDK waited for it. */
export class AccsynJobError extends AccsynApiError {
  override readonly code: string = "ACCSYN_JOB";
  /** The job's id. */
  readonly jobId: string;
  /** The status it ended with. */
  readonly jobStatus: string;

  constructor(message: string, options: AccsynApiErrorOptions & { jobId: string; jobStatus: string }) {
    super(message, options);
    this.jobId = options.jobId;
    this.jobStatus = options.jobStatus;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), jobId: this.jobId, jobStatus: this.jobStatus };
  }
}

/**
 * The entity a call needs does not exist (e.g. `waitFor` on an id the workspace does not know, a
 * user or share given by a code nobody has, an ACL to revoke). An {@link AccsynApiError}, so code
 * catching those keeps working.
 */
export class AccsynNotFoundError extends AccsynApiError {
  override readonly code: string = "ACCSYN_NOT_FOUND";
  /** The entity type asked for. */
  readonly entityType: string;
  /** The id that was not found. */
  readonly entityId: string;

  constructor(message: string, options: AccsynApiErrorOptions & { entityType: string; entityId: string }) {
    super(message, options);
    this.entityType = options.entityType;
    this.entityId = options.entityId;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), entityType: this.entityType, entityId: this.entityId };
  }
}

/**
 * The service refused the call for going over its rate limit (HTTP 429), and the SDK's retries
 * (`rateLimitRetries`) were used up or the wait would have outlasted the call's budget; or (without
 * a `status`) a `RateLimiter` deadline passed before the caller's turn. Nothing was done; the
 * call can be sent again later.
 */
export class AccsynRateLimitError extends AccsynApiError {
  override readonly code: string = "ACCSYN_RATE_LIMIT";
  /** How long the service asked to wait (its `Retry-After`), in ms, when it said; for a missed turn under `maxRequestsPerSecond`, how far away it was. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: AccsynApiErrorOptions & { retryAfterMs?: number | undefined }) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** Details of a failure below HTTP. */
export interface AccsynNetworkErrorOptions extends AccsynErrorOptions {
  /** System or SDK code: `ECONNREFUSED`, `ETIMEDOUT`, `ECONNRESET`, `ABORTED`, `CERT_*`, … */
  networkCode?: string;
  host?: string;
  port?: number;
  uri?: string;
}

/** Cannot connect, connection reset, timed out, TLS refused or aborted. */
export class AccsynNetworkError extends AccsynError {
  override readonly code: string = "ACCSYN_NETWORK";
  /** What went wrong below HTTP (`ECONNREFUSED`, `ETIMEDOUT`, `ABORTED`, …). */
  readonly networkCode: string | undefined;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly uri: string | undefined;

  constructor(message: string, options: AccsynNetworkErrorOptions = {}) {
    super(message, options);
    this.networkCode = options.networkCode;
    this.host = options.host;
    this.port = options.port;
    this.uri = options.uri;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), networkCode: this.networkCode };
  }
}

/** The call was cancelled through its `AbortSignal`. */
export class AccsynAbortError extends AccsynNetworkError {
  override readonly code: string = "ACCSYN_ABORTED";
}

/** The answer was not the JSON the protocol promises. */
export class AccsynProtocolError extends AccsynError {
  override readonly code: string = "ACCSYN_PROTOCOL";
  readonly uri: string | undefined;
  readonly status: number | undefined;

  constructor(message: string, options: { uri?: string; status?: number; cause?: unknown } = {}) {
    super(message, options);
    this.uri = options.uri;
    this.status = options.status;
  }
}
