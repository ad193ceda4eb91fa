/**
 * Turns what the transport reports about one call's attempts into the session's call events
 * (`call-events.ts`). Built only when someone listens.
 */
import type { CallEvents, CallInfo, RetryEvent } from "./call-events.js";
import type { AttemptObserver } from "./transport.js";

/** Where a call goes, for its events. */
export interface CallTarget {
  host: string;
  port: number;
  /** The API's base URL (`https://acme.accsyn.com:443/api/v3`). */
  baseUrl: string;
}

/** The events of one call: attempts from the transport, then its answer or its failure. */
export class CallObserver implements AttemptObserver {
  readonly #events: CallEvents;
  readonly #info: CallInfo;
  readonly #bytesOut: number;
  readonly #started = performance.now();
  #attemptStarted = this.#started;
  #attempt = 0;
  #bytesIn = 0;

  constructor(events: CallEvents, call: { operation: string; method: CallInfo["method"]; path: string; bytesOut: number }, target: CallTarget) {
    this.#events = events;
    const url = `${target.baseUrl}/${call.path.split("?")[0] ?? ""}`;
    this.#info = { callId: events.nextCallId(), operation: call.operation, method: call.method, host: target.host, port: target.port, url };
    this.#bytesOut = call.bytesOut;
  }

  /** {@inheritDoc AttemptObserver.sent} */
  sent(attempt: number): void {
    this.#attempt = attempt;
    this.#attemptStarted = performance.now();
    this.#events.emit("request", { ...this.#info, attempt, bytesOut: this.#bytesOut });
  }

  /** {@inheritDoc AttemptObserver.retrying} */
  retrying(attempt: number, ended: { status?: number | undefined; code?: string | undefined; bytesIn: number }, waitMs: number): void {
    const event: RetryEvent = { ...this.#info, attempt, waitMs: Math.round(waitMs), attemptMs: this.#since(this.#attemptStarted), bytesIn: ended.bytesIn };
    if (ended.status !== undefined) event.status = ended.status;
    else if (ended.code !== undefined) event.errorCode = ended.code;
    if (ended.status === 429) this.#events.emit("rateLimited", { ...event });
    this.#events.emit("retry", event);
  }

  /** {@inheritDoc AttemptObserver.received} */
  received(bytesIn: number): void {
    this.#bytesIn = bytesIn;
  }

  /** The final answer arrived. */
  answered(status: number): void {
    this.#events.emit("response", {
      ...this.#info, attempt: this.#attempt, status, durationMs: this.#since(this.#started),
      attemptMs: this.#since(this.#attemptStarted), bytesOut: this.#bytesOut, bytesIn: this.#bytesIn,
    });
  }

  /** The call failed with `error` (after an answer with `status`, or below HTTP). */
  failed(error: unknown, status?: number): void {
    const raw = error as { name?: unknown; message?: unknown; networkCode?: unknown; code?: unknown; constructor?: { name?: string } };
    const errorCode = typeof raw?.networkCode === "string" ? raw.networkCode : typeof raw?.code === "string" ? raw.code : undefined;
    this.#events.emit("error", {
      ...this.#info, attempts: this.#attempt, durationMs: this.#since(this.#started),
      ...(status === undefined ? {} : { status }),
      errorClass: raw?.constructor?.name || String(raw?.name ?? "Error"),
      ...(errorCode === undefined ? {} : { errorCode }),
      message: String(raw?.message ?? error),
    });
  }

  #since(start: number): number {
    return Math.round((performance.now() - start) * 100) / 100;
  }
}
