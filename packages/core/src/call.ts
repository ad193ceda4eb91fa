/**
 * One call of the event API: the event built and encoded for its method, sent, logged (with
 * `verbose`) and judged into an answer or the error it means.
 */
import { judgeAnswer, type Answer } from "./answer.js";
import { buildEvent, encodeEvent, type EventIdentity, type EventPayload } from "./event.js";
import type { SessionLog } from "./log.js";
import type { CallOptions } from "./options.js";
import type { HttpMethod, Transport } from "./transport.js";

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
}

/** Sends one event to `/api/v3/event` and resolves with the judged answer. */
export async function sendEvent(context: CallContext, call: EventCall): Promise<Answer | unknown[]> {
  const { method, uri, options } = call;
  const { log } = context;
  const event = buildEvent(context.identity, uri, call.payload);
  const encoded = encodeEvent(method, event);
  if (log.verbose) log.debug(`→ ${method} ${uri} ${log.json(event)}`);
  const started = performance.now();
  const answer = await context.transport.send({
    method,
    path: encoded.path,
    ...(encoded.body === undefined ? {} : { body: encoded.body }),
    headers: context.headers,
    uri,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.lazyItems ? { lazyItems: true } : {}),
  });
  if (log.verbose) log.debug(`← ${answer.status} ${uri} in ${Math.round(performance.now() - started)} ms ${answer.text.slice(0, 10_000)}`);
  const { workspace } = context.identity;
  return judgeAnswer(answer, { method, uri, workspace, role: context.role, allowList: call.allowList, debug: context.debug, mask: context.mask });
}
