/**
 * One call of the event API: the event built and encoded for its method, sent, logged (with
 * `verbose`) and judged into an answer or the error it means.
 */
import { judgeAnswer, type Answer } from "./answer.js";
import type { CallEvents } from "./call-events.js";
import { CallObserver, type CallTarget } from "./call-observer.js";
import { buildEvent, encodeEvent, type EventIdentity, type EventPayload } from "./event.js";
import type { SessionLog } from "./log.js";
import type { CallOptions } from "./options.js";
import type { HttpAnswer, HttpMethod, HttpRequest, Transport } from "./transport.js";

/** One call to send. */
export interface EventCall {
  method: HttpMethod;
  uri: string;
  payload: EventPayload;
  options: CallOptions;
  /** Accept a bare top-level JSON array as the answer. */
  allowList: boolean;
}

/** Who sends the call and how its answer is judged. */
export interface CallContext {
  transport: Transport;
  identity: EventIdentity;
  headers: Record<string, string>;
  log: SessionLog;
  /** The user's role (admins and support see exception texts). */
  role: string | undefined;
  debug(message: string): void;
  mask(text: string): string;
  /** The session's call events and where calls go (for their events). */
  events?: CallEvents;
  target?: CallTarget;
}

/** Sends one event to `/api/v3/event` and resolves with the judged answer. */
export async function sendEvent(context: CallContext, call: EventCall): Promise<Answer | unknown[]> {
  const { method, uri, options } = call;
  const { log } = context;
  const event = buildEvent(context.identity, uri, call.payload);
  const encoded = encodeEvent(method, event);
  if (log.verbose) log.debug(`→ ${method} ${uri} ${log.json(event)}`);
  const started = performance.now();
  const { events, target } = context;
  const observer = events?.active && target
    ? new CallObserver(events, { operation: uri, method, path: encoded.path, bytesOut: Buffer.byteLength(encoded.body ?? encoded.path.slice(encoded.path.indexOf("?") + 1)) }, target)
    : undefined;
  const request: HttpRequest = {
    method,
    path: encoded.path,
    ...(encoded.body === undefined ? {} : { body: encoded.body }),
    headers: context.headers,
    uri,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.lazyItems ? { lazyItems: true } : {}),
    ...(observer ? { observer } : {}),
  };
  const answer = observer ? await sendObserved(context.transport, observer, request) : await context.transport.send(request);
  if (log.verbose) log.debug(`← ${answer.status} ${uri} in ${Math.round(performance.now() - started)} ms ${answer.text.slice(0, 10_000)}`);
  const { workspace } = context.identity;
  observer?.answered(answer.status);
  try {
    return judgeAnswer(answer, { method, uri, workspace, role: context.role, allowList: call.allowList, debug: context.debug, mask: context.mask });
  } catch (error) {
    observer?.failed(error, answer.status);
    throw error;
  }
}

/** Sends through the transport; a failure below HTTP is reported to the observer. */
async function sendObserved(transport: Transport, observer: CallObserver, request: HttpRequest): Promise<HttpAnswer> {
  try {
    return await transport.send(request);
  } catch (error) {
    observer.failed(error);
    throw error;
  }
}
