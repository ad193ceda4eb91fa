/**
 * Outcome checks of CONFORMANCE.md: what a call must return or raise (error class and message),
 * derived from the recorded outcome, and the warnings it must log.
 */
import {
  AccsynApiError,
  AccsynError,
  AccsynNetworkError,
  AccsynProtocolError,
  AccsynValidationError,
} from "@accsyn/core";
import { compareValues, expectedJson, show } from "./compare.js";
import { materialise, substitute, type ReplayContext } from "./mapping.js";
import type { Exchange, Outcome } from "./vectors.js";

/** Error classes by name, most specific first. */
export const ERROR_CLASSES = {
  AccsynValidationError,
  AccsynApiError,
  AccsynProtocolError,
  AccsynNetworkError,
} as const;

/** An error class name of the SDK. */
export type ErrorClassName = keyof typeof ERROR_CLASSES;

/** What the call must do. */
export type Expectation =
  | { kind: "returns"; value: unknown }
  | { kind: "session"; value: { username: string; timeout: number; connect_timeout: number } }
  | {
      kind: "raises";
      /** Accepted classes (any of them). */
      classes: ErrorClassName[];
      /** The message must equal this. */
      exact?: string;
      /** The message must contain each of these. */
      includes?: string[];
    };

/** Strips one trailing "!" or "." so our wording may end a sentence differently. */
export function withoutFinalPunctuation(message: string): string {
  return message.replace(/[!.]$/, "");
}

type Answer = { json: true; value: unknown } | { json: false };

function parseAnswer(exchange: Exchange | undefined): Answer {
  if (!exchange) return { json: false };
  try {
    return { json: true, value: JSON.parse(exchange.response.body_text) };
  } catch {
    return { json: false };
  }
}

/**
 * The reference's Python wording and the TypeScript wording the SDK uses instead (CONFORMANCE.md:
 * messages "may be worded differently but must give the same guidance"; issue 17: messages speak
 * TypeScript). Applied to the recorded message before it is looked for in ours.
 */
const TYPESCRIPT_WORDING: ReadonlyArray<[RegExp, string]> = [
  [/must be dict and have content/g, "must be a non-empty object"],
  [/must be a dict with/g, "must be an object with"],
  [/must be of string type/g, "must be a string"],
  [/not a string\/list\/dict/g, "not a string/array/object"],
  [/^None or empty data/g, "Missing (null/undefined) or empty data"],
  // The reference says "found" twice ("No user found with code 'x' found!").
  [/^(No \w+ found with code '[^']*')( found)$/g, "$1"],
];

/** The recorded message in the SDK's TypeScript wording. */
export function inTypeScriptWording(message: string): string {
  return TYPESCRIPT_WORDING.reduce((text, [python, typescript]) => text.replace(python, typescript), message);
}

/** True when a message embeds Python-only text (tracebacks, reprs) that cannot be reproduced. */
export function isPythonSpecific(message: string): boolean {
  return /<traceback>|<now-repr>|REST (GET|PUT|POST|DELETE) \{/.test(message);
}

/**
 * The expectation CONFORMANCE.md derives from a recorded outcome: returns as recorded (dates as
 * `Date`); before any request → validation error with the reference guidance; backend
 * `exception` / `message_hr` / `message` → API error with exactly that text; a body that is not
 * JSON → protocol error; a transport failure → network error.
 */
export function defaultExpectation(outcome: Outcome, exchanges: Exchange[], transportError: string | undefined, ctx: ReplayContext): Expectation {
  if ("returns" in outcome) {
    const value = outcome.returns as { $session?: { username: string; timeout: number; connect_timeout: number } } | null;
    if (value && typeof value === "object" && value.$session) return { kind: "session", value: value.$session };
    return { kind: "returns", value: expectedJson(materialise(outcome.returns, ctx), ctx) };
  }
  const message = substitute(outcome.raises.message, ctx);
  if (transportError) return { kind: "raises", classes: ["AccsynNetworkError"] };
  if (exchanges.length === 0) return { kind: "raises", classes: ["AccsynValidationError"], includes: [inTypeScriptWording(withoutFinalPunctuation(message))] };
  const answer = parseAnswer(exchanges[exchanges.length - 1]);
  if (!answer.json) return { kind: "raises", classes: ["AccsynProtocolError"] };
  const body = answer.value as Record<string, unknown> | null;
  if (body && typeof body === "object" && !Array.isArray(body)) {
    if ("exception" in body || "message" in body) return { kind: "raises", classes: ["AccsynApiError"], exact: message };
  }
  // Raised by the client after a usable answer (e.g. a code look-up found nothing).
  return { kind: "raises", classes: ["AccsynValidationError", "AccsynApiError"], includes: [inTypeScriptWording(withoutFinalPunctuation(message))] };
}

/** Checks the call's result or error against the expectation. */
export function compareOutcome(expectation: Expectation, result: { value?: unknown; error?: unknown }, problems: string[]): void {
  if (expectation.kind !== "raises") {
    if (result.error !== undefined) {
      problems.push(`outcome: expected a return value, got ${describeError(result.error)}`);
      return;
    }
    if (expectation.kind === "session") {
      const session = result.value as { username?: unknown; timeoutMs?: unknown; connectTimeoutMs?: unknown } | null;
      const seen = session && {
        username: session.username,
        timeout: Number(session.timeoutMs) / 1000,
        connect_timeout: Number(session.connectTimeoutMs) / 1000,
      };
      compareValues(seen, expectation.value, "outcome $session", problems);
      return;
    }
    compareValues(result.value, expectation.value, "outcome returns", problems);
    return;
  }
  const error = result.error;
  if (error === undefined) {
    problems.push(`outcome: expected ${expectation.classes.join(" or ")}, the call returned ${show(result.value)}`);
    return;
  }
  if (!expectation.classes.some((name) => error instanceof ERROR_CLASSES[name])) {
    problems.push(`outcome: expected ${expectation.classes.join(" or ")}, got ${describeError(error)}`);
    return;
  }
  const message = (error as Error).message;
  if (expectation.exact !== undefined && message !== expectation.exact) {
    problems.push(`outcome: message ${JSON.stringify(message)}, expected exactly ${JSON.stringify(expectation.exact)}`);
  }
  for (const part of expectation.includes ?? []) {
    if (!message.includes(part)) problems.push(`outcome: message ${JSON.stringify(message)} does not contain ${JSON.stringify(part)}`);
  }
}

/** A short description of a thrown value. */
export function describeError(error: unknown): string {
  if (AccsynError.isInstance(error)) return `${error.name}: ${error.message}`;
  if (error instanceof Error) return `${error.name} (not an AccsynError): ${error.message}`;
  return `a thrown ${typeof error} ${String(error)}`;
}


/** Checks that every warning the reference logged (placeholders substituted) was logged through our logger too. */
export function compareWarnings(expected: Array<{ level: string; message: string }>, captured: string[], where: string, ctx: ReplayContext, problems: string[]): void {
  for (const recorded of expected) {
    const line = { ...recorded, message: substitute(recorded.message, ctx) };
    if (isPythonSpecific(line.message)) {
      // The text embeds a Python traceback or repr; only its existence can be checked.
      if (captured.length === 0) problems.push(`${where}: expected a warning like ${show(line.message)}, none was logged`);
      continue;
    }
    const part = withoutFinalPunctuation(line.message);
    if (!captured.some((warning) => warning.includes(part))) {
      problems.push(`${where}: warning ${JSON.stringify(line.message)} not logged; logged: ${JSON.stringify(captured)}`);
    }
  }
}
