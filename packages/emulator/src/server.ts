import type { IncomingMessage, ServerResponse } from "node:http";
import { Auth } from "./access/auth.js";
import { type Ctx, type EmulatorState, route } from "./handlers/index.js";
import { type ApiEvent, decodeQueryJson, JsonText, parseJson, rawQuery, readBody, sendJson, toEvent } from "./protocol.js";
import { QuerySyntaxError } from "./query/index.js";
import type { RateLimitGuard } from "./rate-limit.js";
import { Access } from "./access/access.js";
import { ApiError, isObject, wireDate } from "./util.js";

/** The path of the registry (workspace resolution) endpoint. */
export const REGISTRY_PATH = "/api/v3/J3PKTtDvolDMBtTy6AFGA";

/** What the request handler needs besides the state. */
export interface HandlerOptions {
  state: EmulatorState;
  /** This emulator's address as the registry answers it. */
  address: () => { hostname: string; port: number };
  /** Request log sink, if any. */
  log?: (line: string) => void;
  /** The test kit's control endpoints: answers true when it served the request. */
  control?: (req: IncomingMessage, res: ServerResponse, method: string, path: string) => boolean;
  /** Refuses requests over the service's API limits with 429 (off when absent). */
  rateLimit?: RateLimitGuard;
}

/** Builds the HTTP request handler of an emulator. */
export function createHandler(opts: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { state } = opts;
  const auth = new Auth(state.store, () => String(state.workspace().code));

  const registry = (req: IncomingMessage): unknown => {
    const q = decodeQueryJson(rawQuery(req.url ?? ""));
    const ident = isObject(q) ? q.ident : undefined;
    if (typeof ident !== "string" || ident.toLowerCase() !== String(state.workspace().code).toLowerCase())
      throw new ApiError(404, `Unknown workspace '${String(ident)}'`);
    return { result: opts.address() };
  };

  const event = async (req: IncomingMessage, method: string): Promise<unknown> => {
    const caller = auth.authenticate(req);
    const query = rawQuery(req.url ?? "");
    const body = await readBody(req);
    const raw = query !== "" ? decodeQueryJson(query) : body.trim() !== "" ? parseJson(body, "the request body") : undefined;
    if (raw === undefined) throw new ApiError(400, "No event: send it as the query string (GET/DELETE) or the body (POST/PUT)");
    const ev: ApiEvent = toEvent(raw);
    auth.checkSession(caller, ev.session);
    if (typeof ev.workspace === "string" && ev.workspace.toLowerCase() !== String(state.workspace().code).toLowerCase())
      throw new ApiError(400, `The event is for workspace '${ev.workspace}', not '${String(state.workspace().code)}'`);
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
  };

  const dispatch = async (req: IncomingMessage, method: string, path: string): Promise<unknown> => {
    if (path === REGISTRY_PATH && method === "GET") return registry(req);
    if (path === "/api/v3/api/login") {
      if (method !== "PUT" && method !== "POST") throw new ApiError(405, "Log in with PUT /api/v3/api/login");
      const caller = auth.authenticate(req);
      await readBody(req);
      const sessionId = auth.login(caller);
      return { result: { role: caller.role, id: caller.user.id, session_id: sessionId } };
    }
    if (path === "/api/v3/event") return event(req, method);
    throw new ApiError(404, `Unknown endpoint ${method} ${path}`);
  };

  return (req, res) => {
    const method = (req.method ?? "GET").toUpperCase();
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (opts.control?.(req, res, method, path)) return;
    const refusal = opts.rateLimit?.admit(req);
    if (refusal) {
      opts.log?.(`${method} ${path} 429 ${refusal.message}`);
      res.setHeader("Retry-After", String(refusal.retryAfterSeconds));
      if (refusal.closeConnection) res.setHeader("Connection", "close");
      req.resume();
      sendJson(res, 429, { message: refusal.message });
      return;
    }
    dispatch(req, method, path)
      .then((body) => {
        opts.log?.(`${method} ${path} 200`);
        sendJson(res, 200, body);
      })
      .catch((err: unknown) => {
        const status = err instanceof ApiError ? err.status : err instanceof QuerySyntaxError ? 400 : 500;
        const message = err instanceof ApiError || err instanceof QuerySyntaxError ? err.message : `Internal error: ${(err as Error)?.message ?? String(err)}`;
        opts.log?.(`${method} ${path} ${status} ${message}`);
        if (status === 413) res.setHeader("Connection", "close");
        if (!res.headersSent) sendJson(res, status, { message });
        else res.end();
      });
  };
}
