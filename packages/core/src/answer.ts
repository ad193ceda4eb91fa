/**
 * Judging an answer: JSON object or not, `exception` (with the role rule), `message`/`message_hr`,
 * and the protocol errors our client reports where the reference crashes.
 */
import { decodeAnswer } from "./codec.js";
import { AccsynApiError, AccsynProtocolError } from "./errors.js";
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
  warn(message: string): void;
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
  let body: unknown;
  try {
    body = decodeAnswer(answer.text);
  } catch {
    const text = context.mask(answer.text);
    const snippet = text.length > 300 ? `${text.slice(0, 300)}…` : text;
    const message =
      `The accsyn backend answered ${method} ${uri} with HTTP ${answer.status} and a body that is not JSON` +
      `${snippet ? `: ${snippet}` : " (empty body)"}. Check the hostname/port point at an accsyn backend, and any proxy in between.`;
    context.warn(message);
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
    context.warn(message);
    if (context.role && PRIVILEGED.has(context.role)) context.warn(context.mask(String(object.exception)));
    throw new AccsynApiError(message, { uri, ...(status ? { status } : {}) });
  }
  if ("message" in object) {
    const hr = object.message_hr;
    const raw = object.message;
    const message = context.mask(typeof hr === "string" && hr.length > 0 ? hr : String(raw));
    context.warn(message);
    throw new AccsynApiError(message, {
      uri,
      ...(status ? { status } : {}),
      ...(typeof raw === "string" ? { backendMessage: context.mask(raw) } : {}),
    });
  }
  return object;
}
