/**
 * Call events: what a session tells listeners about each HTTP call it makes — for timing,
 * counting retries and rate-limit waits, or feeding a tracing system (`@accsyn/otel`). Events
 * carry the operation, method, attempt, status, sizes and times; never the event body, headers,
 * the session id or the API key.
 */
import type { HttpMethod } from "./transport.js";

/** What every event of one call carries. */
export interface CallInfo {
  /** Numbers the session's calls (from 1), to pair a call's events. */
  callId: number;
  /** The operation: the event uri (`transfer/find`, `user/create`) or `api/login`. */
  operation: string;
  /** The HTTP method. */
  method: HttpMethod;
  /** The backend's host name and port. */
  host: string;
  port: number;
  /** The URL called, without its query string (which carries the event and the session id). */
  url: string;
}

/** An attempt of a call goes out (after any wait of the session's own rate limit). */
export interface RequestEvent extends CallInfo {
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Bytes of the event sent: the body, or the query string of a GET/DELETE. */
  bytesOut: number;
}

/** The call's final HTTP answer, whatever its status (an error status is followed by an `error` event). */
export interface ResponseEvent extends CallInfo {
  attempt: number;
  status: number;
  /** Milliseconds from the first attempt to the end of the answer (waits before retries included). */
  durationMs: number;
  /** Milliseconds of this last attempt alone. */
  attemptMs: number;
  bytesOut: number;
  /** Bytes of the answer body (decoded). */
  bytesIn: number;
}

/** An attempt failed and the call will be sent again after `waitMs`. */
export interface RetryEvent extends CallInfo {
  /** The attempt that failed. */
  attempt: number;
  /** Its HTTP status (429, 502, 503, 504), when it got an answer. */
  status?: number;
  /** Its network error code (`ECONNRESET`, …), when it got none. */
  errorCode?: string;
  /** Milliseconds the session waits before the next attempt (a 429's `Retry-After` when it names one). */
  waitMs: number;
  attemptMs: number;
  bytesIn: number;
}

/** The call failed: an {@link AccsynError} subclass is about to be thrown. */
export interface ErrorEvent extends CallInfo {
  /** Attempts made. */
  attempts: number;
  durationMs: number;
  /** The HTTP status of the final answer, when there was one. */
  status?: number;
  /** The class of the error thrown (`AccsynNotFoundError`, `AccsynNetworkError`, …). */
  errorClass: string;
  /** The network code or the backend's error code, when known. */
  errorCode?: string;
  /** The error's message (masked like every SDK message). */
  message: string;
}

/** The events of {@link CallEvents} and what each listener receives. */
export interface CallEventMap {
  request: RequestEvent;
  response: ResponseEvent;
  retry: RetryEvent;
  /** A 429 made the call wait (also reported as `retry`). */
  rateLimited: RetryEvent;
  error: ErrorEvent;
}

/** A call event's name. */
export type CallEventName = keyof CallEventMap;
/** A listener of one event. */
export type CallListener<E extends CallEventName> = (event: Readonly<CallEventMap[E]>) => void;

/**
 * The listeners of one session. Listeners run synchronously, in order; one that throws is
 * reported through `onListenerError` and the call goes on. With no listener, calls build no event.
 */
export class CallEvents {
  readonly #listeners: { [E in CallEventName]?: Array<CallListener<E>> } = {};
  #count = 0;
  #nextCallId = 1;

  constructor(private readonly onListenerError: (error: unknown, event: CallEventName) => void) {}

  /** True when anyone listens: only then does a call build its events. */
  get active(): boolean {
    return this.#count > 0;
  }

  /** A new call id. */
  nextCallId(): number {
    return this.#nextCallId++;
  }

  /** Adds a listener. */
  on<E extends CallEventName>(name: E, listener: CallListener<E>): void {
    const list = (this.#listeners[name] ??= []) as Array<CallListener<E>>;
    list.push(listener);
    this.#count += 1;
  }

  /** Removes a listener (added with {@link CallEvents.on}). */
  off<E extends CallEventName>(name: E, listener: CallListener<E>): void {
    const list = this.#listeners[name] as Array<CallListener<E>> | undefined;
    const at = list?.indexOf(listener) ?? -1;
    if (at < 0) return;
    list!.splice(at, 1);
    this.#count -= 1;
  }

  /** Calls the listeners of an event. */
  emit<E extends CallEventName>(name: E, event: CallEventMap[E]): void {
    const list = this.#listeners[name] as Array<CallListener<E>> | undefined;
    if (!list) return;
    const frozen = Object.freeze(event);
    for (const listener of [...list]) {
      try {
        listener(frozen);
      } catch (error) {
        this.onListenerError(error, name);
      }
    }
  }
}
