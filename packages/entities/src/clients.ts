/**
 * Whether this machine runs an accsyn desktop app or daemon for the session's user.
 */
import { Session, warnDeprecated, type CallOptions } from "@accsyn/core";
import { requestOptions, resultOf } from "./shared.js";

const RUNNING = new Set(["online", "disabled"]);

/** Finds this host's clients of the user matching `typeClause`; `null` when none, else whether one runs. */
async function clientRunning(session: Session, typeClause: string, options: CallOptions): Promise<boolean | null> {
  const { id } = await session.login(options);
  const query = `user=${id} AND code=${Session.getHostname()} AND ${typeClause}`;
  const clients = resultOf<unknown>(await session.request("GET", "client/find", { data: {}, query }, requestOptions(options)));
  if (!Array.isArray(clients) || clients.length === 0) return null;
  return clients.some((client) => RUNNING.has((client as { status?: unknown } | null)?.status as string));
}

/**
 * Whether the accsyn desktop app runs on this machine (host name match) for the session's user:
 * `true` when online or disabled, `false` when offline, `null` when there is none.
 */
export function appIsRunning(session: Session, options: CallOptions = {}): Promise<boolean | null> {
  return clientRunning(session, "type=0", options);
}

/** @deprecated Use {@link appIsRunning}. */
export function guiIsRunning(session: Session, options: CallOptions = {}): Promise<boolean | null> {
  warnDeprecated(session.log, "gui_is_running", "The gui_is_running function is deprecated, use the app_is_running function instead.");
  return appIsRunning(session, options);
}

/**
 * Whether an accsyn daemon (server or user server) runs on this machine for the session's user:
 * `true` when online or disabled, `false` when offline, `null` when there is none.
 */
export function daemonIsRunning(session: Session, options: CallOptions = {}): Promise<boolean | null> {
  return clientRunning(session, "(type=1 OR type=2)", options);
}

/** @deprecated Use {@link daemonIsRunning}. */
export function serverIsRunning(session: Session, options: CallOptions = {}): Promise<boolean | null> {
  warnDeprecated(session.log, "server_is_running", "The server_is_running function is deprecated, use the daemon_is_running function instead.");
  return daemonIsRunning(session, options);
}
