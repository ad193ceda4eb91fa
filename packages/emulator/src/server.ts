import type { IncomingMessage, ServerResponse } from "node:http";
import { Auth, type Caller } from "./access/auth.js";
import type { EventStream, RequestDetail } from "./events/index.js";
import { type Ctx, type EmulatorState, route } from "./handlers/index.js";
import { type ApiEvent, decodeQueryJson, JsonText, parseJson, rawQuery, readBody, sendJson, toEvent } from "./protocol.js";
import { QuerySyntaxError } from "./query/index.js";
import type { RequestTrace } from "./request-trace.js";
import type { RateLimitGuard } from "./rate-limit.js";
import { Access } from "./access/access.js";
import { type DashboardOptions, dashboardRoutes } from "./ui/routes.js";
import { ApiError, isObject, wireDate } from "./util.js";

/** The path of the registry (workspace resolution) endpoint. */
export const REGISTRY_PATH = "/api/v3/J3PKTtDvolDMBtTy6AFGA";

/** What the request handler needs besides the state. */
export interface HandlerOptions {
  state: EmulatorState;
  /** This emulator's address as the registry answers it. */
  address: () => { hostname: string; port: number };
  /** The event stream every request is recorded in, if any. */
  events?: EventStream;
  /** The test kit's control endpoints: answers true when it served the request. */
  control?: (req: IncomingMessage, res: ServerResponse, method: string, path: string) => boolean;
  /** Refuses requests over the service's API limits with 429 (off when absent). */
  rateLimit?: RateLimitGuard;
  /** The dashboard at `/` (off when absent or false; needs `events`). */
  ui?: DashboardOptions | false;
}


/** Largest answer text kept with a request in the stream. */
const ANSWER_KEPT = 64 * 1024;

/** Answers one event for an authenticated caller: the route inside one transaction, plus the activity log. */
export function answerEvent(state: EmulatorState, caller: Caller, ev: ApiEvent, method: string): unknown {
  const ctx: Ctx = { state, store: state.store, access: new Access(state.store, caller), event: ev, method };
  // All or nothing: the answer is built and serialised inside one transaction, so any throw leaves no trace.
  const answer = state.store.transaction(() => {
    const routed = route(ctx);
    return routed instanceof Promise ? routed : new JsonText(JSON.stringify(routed));
  });
  if (method !== "GET") {
    state.logs.push({ date: wireDate(), user: String(caller.user.code), uri: ev.uri, entitytype: ev.uri.split("/")[0] ?? "", id: ev.id, message: `${method} ${ev.uri}` });
    if (state.logs.length > 10_000) state.logs.splice(0, 1000);
  }
  return answer;
}

/** Records a request (and, for `workspace/file`, the file operation) in the stream. */
function record(events: EventStream, method: string, path: string, trace: RequestTrace, status: number, started: number, answer: unknown, error?: string): void {
  if (trace.quiet) return;
  const user = trace.caller ? String(trace.caller.user.code) : undefined;
  const uri = trace.uri ?? path.replace(/^\/api\/v3\//, "");
  const detail: RequestDetail = {};
  if (trace.event) detail.event = { uri: trace.event.uri, ...(trace.event.id ? { id: trace.event.id } : {}), ...(trace.event.query ? { query: trace.event.query } : {}), data: trace.event.data };
  if (answer !== undefined) {
    const text = answer instanceof JsonText ? answer.text : JSON.stringify(answer);
    detail.answer = text.length > ANSWER_KEPT ? `${text.slice(0, ANSWER_KEPT)}… (${text.length} characters)` : text;
  }
  events.emit({
    type: "request", method, uri, status, ms: Date.now() - started, ...(user ? { user, role: trace.caller?.role } : {}),
    ...(trace.id ? { id: trace.id } : {}), ...(error ? { error } : {}), ...(trace.via ? { via: trace.via } : {}),
  }, detail);
  const data = trace.event?.data;
  if (uri.toLowerCase() === "workspace/file" && isObject(data) && typeof data.op === "string") {
    const paths = (Array.isArray(data.path) ? data.path : [data.path]).filter((p): p is string => typeof p === "string");
    events.emit({ type: "file", op: data.op, paths, status, ...(user ? { user } : {}) });
  }
}

/** Builds the HTTP request handler of an emulator. */
export function createHandler(opts: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { state, events } = opts;
  const auth = new Auth(state.store, () => String(state.workspace().code));
  const dashboard = opts.ui && events ? dashboardRoutes({ state, events, options: opts.ui, answer: (c, ev, m) => answerEvent(state, c, ev, m) }) : undefined;

  const registry = (req: IncomingMessage): unknown => {
    const q = decodeQueryJson(rawQuery(req.url ?? ""));
    const ident = isObject(q) ? q.ident : undefined;
    if (typeof ident !== "string" || ident.toLowerCase() !== String(state.workspace().code).toLowerCase())
      throw new ApiError(404, `Unknown workspace '${String(ident)}'`);
    return { result: opts.address() };
  };

  const event = async (req: IncomingMessage, method: string, trace: RequestTrace): Promise<unknown> => {
    const caller = auth.authenticate(req);
    trace.caller = caller;
    const query = rawQuery(req.url ?? "");
    const body = await readBody(req);
    const raw = query !== "" ? decodeQueryJson(query) : body.trim() !== "" ? parseJson(body, "the request body") : undefined;
    if (raw === undefined) throw new ApiError(400, "No event: send it as the query string (GET/DELETE) or the body (POST/PUT)");
    const ev: ApiEvent = toEvent(raw);
    Object.assign(trace, { uri: ev.uri, event: ev, ...(ev.id ? { id: ev.id } : {}) });
    auth.checkSession(caller, ev.session);
    if (typeof ev.workspace === "string" && ev.workspace.toLowerCase() !== String(state.workspace().code).toLowerCase())
      throw new ApiError(400, `The event is for workspace '${ev.workspace}', not '${String(state.workspace().code)}'`);
    return answerEvent(state, caller, ev, method);
  };

  const dispatch = async (req: IncomingMessage, res: ServerResponse, method: string, path: string, trace: RequestTrace): Promise<unknown> => {
    if (path === REGISTRY_PATH && method === "GET") {
      trace.uri = "registry";
      return registry(req);
    }
    if (path === "/api/v3/api/login") {
      trace.uri = "api/login";
      if (method !== "PUT" && method !== "POST") throw new ApiError(405, "Log in with PUT /api/v3/api/login");
      const caller = auth.authenticate(req);
      trace.caller = caller;
      await readBody(req);
      const sessionId = auth.login(caller);
      return { result: { role: caller.role, id: caller.user.id, session_id: sessionId } };
    }
    if (path === "/api/v3/event") return event(req, method, trace);
    if (dashboard) return dashboard(req, res, method, path, trace);
    throw new ApiError(404, `Unknown endpoint ${method} ${path}${path === "/" ? " (the dashboard is off: start without --no-ui)" : ""}`);
  };

  return (req, res) => {
    const started = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (opts.control?.(req, res, method, path)) return;
    const trace: RequestTrace = {};
    const refusal = opts.rateLimit?.admit(req);
    if (refusal) {
      if (events) record(events, method, path, trace, 429, started, undefined, refusal.message);
      res.setHeader("Retry-After", String(refusal.retryAfterSeconds));
      if (refusal.closeConnection) res.setHeader("Connection", "close");
      req.resume();
      sendJson(res, 429, { message: refusal.message });
      return;
    }
    dispatch(req, res, method, path, trace)
      .then((body) => {
        if (res.headersSent || res.writableEnded) return; // the dashboard answered (assets, live events)
        if (events) record(events, method, path, trace, 200, started, path === "/api/v3/api/login" ? undefined : body);
        sendJson(res, 200, body);
      })
      .catch((err: unknown) => {
        const status = err instanceof ApiError ? err.status : err instanceof QuerySyntaxError ? 400 : 500;
        const message = err instanceof ApiError || err instanceof QuerySyntaxError ? err.message : `Internal error: ${(err as Error)?.message ?? String(err)}`;
        if (events) record(events, method, path, trace, status, started, { message }, message);
        if (status === 413) res.setHeader("Connection", "close");
        if (!res.headersSent) sendJson(res, status, { message });
        else res.end();
      });
  };
}
