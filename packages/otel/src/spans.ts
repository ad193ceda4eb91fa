/**
 * The spans of one session: a call event stream (`session.on`) turned into OpenTelemetry client
 * spans that follow the HTTP client semantic conventions, plus `accsyn.operation`.
 */
import { context, type Span, SpanKind, SpanStatusCode, type Tracer } from "@opentelemetry/api";
import type { CallEventMap, CallEventName, CallListener } from "@accsyn/core";

/** What {@link instrumentSession} needs of a session: its call events. */
export interface CallEventSource {
  on<E extends CallEventName>(event: E, listener: CallListener<E>): unknown;
  off<E extends CallEventName>(event: E, listener: CallListener<E>): unknown;
}

/** Attribute names (OpenTelemetry semantic conventions for HTTP clients, stable; and ours). */
export const ATTR = {
  method: "http.request.method",
  status: "http.response.status_code",
  resendCount: "http.request.resend_count",
  requestBodySize: "http.request.body.size",
  responseBodySize: "http.response.body.size",
  serverAddress: "server.address",
  serverPort: "server.port",
  url: "url.full",
  errorType: "error.type",
  operation: "accsyn.operation",
  retryWaitMs: "accsyn.retry.wait_ms",
  attempt: "accsyn.attempt",
} as const;

/** Opens a span at a call's first attempt and ends it at its answer or failure; answers a function that stops. */
export function traceCalls(session: CallEventSource, tracer: Tracer): () => void {
  const open = new Map<number, Span>();

  const onRequest = (e: Readonly<CallEventMap["request"]>): void => {
    const known = open.get(e.callId);
    if (known) {
      known.setAttribute(ATTR.resendCount, e.attempt - 1);
      return;
    }
    // started in the caller's context: a span active around the call becomes its parent
    open.set(e.callId, tracer.startSpan(`${e.method} ${e.operation}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        [ATTR.method]: e.method, [ATTR.operation]: e.operation, [ATTR.serverAddress]: e.host, [ATTR.serverPort]: e.port,
        [ATTR.url]: e.url, [ATTR.requestBodySize]: e.bytesOut,
      },
    }, context.active()));
  };

  const onRetry = (e: Readonly<CallEventMap["retry"]>): void => {
    open.get(e.callId)?.addEvent("retry", {
      [ATTR.attempt]: e.attempt, [ATTR.retryWaitMs]: e.waitMs,
      ...(e.status === undefined ? {} : { [ATTR.status]: e.status }),
      ...(e.errorCode === undefined ? {} : { [ATTR.errorType]: e.errorCode }),
    });
  };

  const onResponse = (e: Readonly<CallEventMap["response"]>): void => {
    const span = open.get(e.callId);
    if (!span) return;
    span.setAttributes({ [ATTR.status]: e.status, [ATTR.responseBodySize]: e.bytesIn });
    if (e.status >= 400) {
      span.setAttribute(ATTR.errorType, String(e.status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    // an `error` event, when the answer means one, comes right after (same tick); end after it
    queueMicrotask(() => end(e.callId));
  };

  const onError = (e: Readonly<CallEventMap["error"]>): void => {
    const span = open.get(e.callId);
    if (!span) return;
    span.setAttribute(ATTR.errorType, e.errorClass);
    span.recordException({ name: e.errorClass, message: e.message });
    span.setStatus({ code: SpanStatusCode.ERROR, message: e.message });
    if (e.status === undefined) end(e.callId);
  };

  const end = (callId: number): void => {
    open.get(callId)?.end();
    open.delete(callId);
  };

  session.on("request", onRequest);
  session.on("retry", onRetry);
  session.on("response", onResponse);
  session.on("error", onError);
  return () => {
    session.off("request", onRequest);
    session.off("retry", onRetry);
    session.off("response", onResponse);
    session.off("error", onError);
    for (const id of [...open.keys()]) end(id);
  };
}
