/**
 * The login exchange: `PUT /api/login` with the session's headers, and what the backend answers
 * (role, user id, session id).
 */
import { judgeAnswer } from "./answer.js";
import { AccsynProtocolError } from "./errors.js";
import type { Endpoint } from "./endpoint.js";
import type { CallObserver } from "./call-observer.js";
import type { Transport } from "./transport.js";

/** What the backend answered at login. */
export interface LoginInfo {
  role: string;
  id: string;
  sessionId: string;
}

/** What {@link logIn} needs besides the transport. */
export interface LoginContext {
  endpoint: Endpoint;
  username: string;
  workspace: string;
  headers: Record<string, string>;
  debug(message: string): void;
  mask(text: string): string;
  signal: AbortSignal | undefined;
  /** Reports the login as a call (call events), when someone listens. */
  observer?: CallObserver | undefined;
}

/** Logs in; throws what the answer means (refused credentials, a backend that is not accsyn). */
export async function logIn(transport: Transport, context: LoginContext): Promise<LoginInfo> {
  const { endpoint, signal, debug, observer } = context;
  debug(`→ PUT /api/login as ${context.username} at ${endpoint.host}:${endpoint.port}`);
  const answer = await transport.send({
    method: "PUT",
    path: "api/login",
    body: "{}",
    headers: context.headers,
    uri: "/api/login",
    ...(signal ? { signal } : {}),
    ...(observer ? { observer } : {}),
  }).catch((error: unknown) => {
    observer?.failed(error);
    throw error;
  });
  observer?.answered(answer.status);
  debug(`← ${answer.status} /api/login ${answer.text.slice(0, 2_000)}`);
  let body;
  try {
    body = judgeAnswer(answer, { method: "PUT", uri: "/api/login", workspace: context.workspace, role: undefined, debug, mask: context.mask });
  } catch (error) {
    observer?.failed(error, answer.status);
    throw error;
  }
  const result = body.result as { role?: unknown; id?: unknown; session_id?: unknown } | undefined;
  if (!result || typeof result !== "object") {
    throw new AccsynProtocolError("The accsyn backend answered the login without a result. Check that hostname/port point at an accsyn backend.", { uri: "/api/login" });
  }
  return { role: String(result.role ?? ""), id: String(result.id ?? ""), sessionId: String(result.session_id ?? "") };
}
