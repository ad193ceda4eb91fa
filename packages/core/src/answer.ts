/**
 * Judging an answer: JSON object or not, `exception` (with the role rule), `message`/`message_hr`,
 * and the protocol errors our client reports where the reference crashes.
 */
import { decodeAnswer } from "./codec.js";
import { AccsynApiError, AccsynProtocolError, AccsynRateLimitError } from "./errors.js";
import { RATE_LIMIT_STATUS } from "./retry-policy.js";
import type { HttpAnswer } from "./transport.js";

/** A decoded answer object (`result`, `report`, `api_key`, …). */
export type Answer = Record<string, unknown>;

/** Context for error messages. */
export interface AnswerContext {
  method: string;
  uri: string;
  workspace: string;
  /** The user's role, when known: admins and support see exception texts. */
  role: string | undefined;
  /**
   * Logs the text of an error about to be thrown. The thrown error is the report, so this is a
   * debug line (seen with `verbose`), never a warning on stderr.
   */
  debug(message: string): void;
  /** Hides secrets in texts that came from the backend. */
  mask(text: string): string;
  /** Accept a top-level JSON array as the answer (some `create` backends answer a bare list). */
  allowList?: boolean;
}

const PRIVILEGED = new Set(["admin", "support"]);

/** Decodes and checks an answer; throws the fitting {@link AccsynApiError} / {@link AccsynProtocolError}. */
export function judgeAnswer(answer: HttpAnswer, context: AnswerContext & { allowList?: false }): Answer;
export function judgeAnswer(answer: HttpAnswer, context: AnswerContext): Answer | unknown[];
export function judgeAnswer(answer: HttpAnswer, context: AnswerContext): Answer | unknown[] {
  const { uri, method } = context;
  const status = answer.status >= 200 && answer.status < 300 ? undefined : answer.status;
  if (answer.status === RATE_LIMIT_STATUS) throw rateLimited(answer, context);
  let body: unknown;
  try {
    body = answer.decode ? answer.decode() : decodeAnswer(answer.text);
  } catch {
    const text = context.mask(answer.text);
    const snippet = text.length > 300 ? `${text.slice(0, 300)}…` : text;
    const message =
      `The accsyn backend answered ${method} ${uri} with HTTP ${answer.status} and a body that is not JSON` +
      `${snippet ? `: ${snippet}` : " (empty body)"}. Check the hostname/port point at an accsyn backend, and any proxy in between.`;
    context.debug(message);
    throw new AccsynProtocolError(message, { uri, ...(status ? { status } : {}) });
  }
  if (Array.isArray(body) && context.allowList) return body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const message = `The accsyn backend answered ${method} ${uri} with ${context.mask(answer.text.slice(0, 100))} instead of a JSON object. Check the backend's version and logs.`;
    throw new AccsynProtocolError(message, { uri, ...(status ? { status } : {}) });
  }
  const object = body as Answer;
  const exceptionUri = uri === "/api/login" ? "/api/login" : "/event";
  if ("exception" in object) {
    const message = `${exceptionUri} caused an exception! Please contact ${context.workspace} admin for more further support.`;
    const privileged = context.role !== undefined && PRIVILEGED.has(context.role);
    const detail = privileged ? context.mask(String(object.exception)) : undefined;
    context.debug(detail === undefined ? message : `${message} ${detail}`);
    throw new AccsynApiError(message, { uri, ...(status ? { status } : {}), ...(detail === undefined ? {} : { backendMessage: detail }) });
  }
  if ("message" in object) {
    const hr = object.message_hr;
    const raw = object.message;
    const message = context.mask(typeof hr === "string" && hr.length > 0 ? hr : String(raw));
    context.debug(message);
    throw new AccsynApiError(message, {
      uri,
      ...(status ? { status } : {}),
      ...(typeof raw === "string" ? { backendMessage: context.mask(raw) } : {}),
    });
  }
  return object;
}

/** The error for a 429 that outlasted the retries; its body (JSON `message` or any text) is only a detail. */
function rateLimited(answer: HttpAnswer, context: AnswerContext): AccsynRateLimitError {
  let backendMessage: string | undefined;
  try {
    const body = decodeAnswer(answer.text) as { message?: unknown } | null;
    if (body && typeof body.message === "string") backendMessage = context.mask(body.message);
  } catch {
    // an HTML or empty 429 page says nothing more than its status
  }
  const wait = answer.retryAfterMs === undefined ? "" : ` It asked to wait ${seconds(answer.retryAfterMs)} s.`;
  const { budget } = answer;
  const why = budget
    ? `; the SDK stopped retrying: this call's budget of ${seconds(budget.totalMs)} s (connectTimeoutMs + timeoutMs, from its first attempt) had ${seconds(budget.leftMs)} s left.${wait} Raise timeoutMs, or`
    : `, after the SDK's retries.${wait} Send it again later, or`;
  const message =
    `The accsyn service refused ${context.method} ${context.uri}: too many requests (HTTP 429)${why} ` +
    "keep a fan-out under the limit with the maxRequestsPerSecond option (the service allows 30 requests/s, bursts of 60). Nothing was done.";
  context.debug(message);
  return new AccsynRateLimitError(message, {
    uri: context.uri,
    status: RATE_LIMIT_STATUS,
    retryAfterMs: answer.retryAfterMs,
    ...(backendMessage === undefined ? {} : { backendMessage }),
  });
}

/** ms as seconds for a message: whole seconds, one decimal below 10 s. */
function seconds(ms: number): string {
  return ms >= 10_000 ? String(Math.ceil(ms / 1000)) : String(Math.ceil(ms / 100) / 10);
}
