/**
 * `--timing`: a per-call summary on stderr, built from the session's call events (the same ones
 * `session.on` gives any program): operation, status, time, bytes, attempts and retry waits.
 */
import type { ErrorEvent, ResponseEvent, RetryEvent, Session } from "@accsyn/api";
import { humanSize as bytes } from "./values.js";

/** What one call came to. */
interface CallLine {
  method: string;
  operation: string;
  status: string;
  durationMs: number;
  bytesOut: number;
  bytesIn: number;
  attempts: number;
  waitedMs: number;
  rateLimitedMs: number;
}

const ms = (n: number): string => (n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(2)} s`);

/** Collects the calls of one session and renders them. */
export class CallTiming {
  readonly #calls = new Map<number, CallLine>();
  readonly #started = performance.now();

  /** Starts listening to a session's calls. */
  attach(session: Session): void {
    const line = (e: { callId: number; method: string; operation: string }): CallLine => {
      let known = this.#calls.get(e.callId);
      if (!known) {
        known = { method: e.method, operation: e.operation, status: "…", durationMs: 0, bytesOut: 0, bytesIn: 0, attempts: 0, waitedMs: 0, rateLimitedMs: 0 };
        this.#calls.set(e.callId, known);
      }
      return known;
    };
    session.on("request", (e) => {
      const l = line(e);
      l.attempts = e.attempt;
      l.bytesOut = e.bytesOut;
    });
    session.on("retry", (e: Readonly<RetryEvent>) => {
      const l = line(e);
      l.waitedMs += e.waitMs;
      if (e.status === 429) l.rateLimitedMs += e.waitMs;
    });
    session.on("response", (e: Readonly<ResponseEvent>) => Object.assign(line(e), { status: String(e.status), durationMs: e.durationMs, bytesIn: e.bytesIn }));
    session.on("error", (e: Readonly<ErrorEvent>) => {
      const l = line(e);
      l.status = e.status === undefined ? e.errorClass : `${e.status} ${e.errorClass}`;
      l.durationMs = e.durationMs;
    });
  }

  /** The summary: one line per call, then the totals; empty when no call was made. */
  summary(): string {
    const calls = [...this.#calls.values()];
    if (calls.length === 0) return "";
    const widest = (f: (c: CallLine) => string): number => Math.max(...calls.map((c) => f(c).length));
    const [opWidth, statusWidth] = [widest((c) => c.operation), widest((c) => c.status)];
    const rows = calls.map((c) => {
      const extra = c.attempts > 1 ? `  ${c.attempts} attempts, waited ${ms(c.waitedMs)}${c.rateLimitedMs > 0 ? ` (${ms(c.rateLimitedMs)} for 429)` : ""}` : "";
      return `  ${c.method.padEnd(6)} ${c.operation.padEnd(opWidth)}  ${c.status.padEnd(statusWidth)}  ${ms(c.durationMs).padStart(8)}  ` +
        `${bytes(c.bytesOut).padStart(9)} out  ${bytes(c.bytesIn).padStart(9)} in${extra}`;
    });
    const sum = (f: (c: CallLine) => number): number => calls.reduce((n, c) => n + f(c), 0);
    const retries = sum((c) => Math.max(0, c.attempts - 1));
    const limited = sum((c) => c.rateLimitedMs);
    const total = `timing: ${calls.length} call(s), ${ms(sum((c) => c.durationMs))} in calls of ${ms(performance.now() - this.#started)} in all, ` +
      `${retries} retr${retries === 1 ? "y" : "ies"}${limited > 0 ? `, ${ms(limited)} waiting out 429` : ""}, ${bytes(sum((c) => c.bytesOut))} out, ${bytes(sum((c) => c.bytesIn))} in`;
    return [...rows, total].join("\n");
  }
}
