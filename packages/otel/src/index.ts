/**
 * `@accsyn/otel`: OpenTelemetry tracing for accsyn sessions. Each call becomes a client span
 * (`GET transfer/find`) with the HTTP client semantic-convention attributes and
 * `accsyn.operation`; each retry is a span event with the wait before it; a failure sets the span's
 * status and `error.type` to the SDK's error class. Built on the session's call events.
 * @packageDocumentation
 */
import { trace, type Tracer, type TracerProvider } from "@opentelemetry/api";
import { type CallEventSource, traceCalls } from "./spans.js";

export { ATTR, type CallEventSource } from "./spans.js";

/** The instrumentation scope name of the spans. */
export const INSTRUMENTATION_NAME = "@accsyn/otel";

/** Where spans go: a tracer, a tracer provider, or (default) the global provider. */
export interface TracingOptions {
  tracer?: Tracer;
  tracerProvider?: TracerProvider;
}

function tracerOf(options: TracingOptions): Tracer {
  return options.tracer ?? (options.tracerProvider ?? trace.getTracerProvider()).getTracer(INSTRUMENTATION_NAME);
}

/**
 * Traces every call of one session; answers a function that stops (and ends any open span).
 *
 * @example
 * const stop = instrumentSession(session);        // the global tracer provider
 * await session.find("Transfer WHERE status=running");
 */
export function instrumentSession(session: CallEventSource, options: TracingOptions = {}): () => void {
  return traceCalls(session, tracerOf(options));
}

/**
 * The same as a session plugin: every session of the class is traced from its construction.
 *
 * @example
 * const TracedSession = Session.plugin(tracing());
 * const session = await TracedSession.connect({ workspace: "acme" });
 */
export function tracing(options: TracingOptions = {}): (session: CallEventSource) => void {
  return (session) => void traceCalls(session, tracerOf(options));
}
