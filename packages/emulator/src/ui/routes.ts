import type { IncomingMessage, ServerResponse } from "node:http";
import type { Caller, Role } from "../access/auth.js";
import type { EventStream } from "../events/index.js";
import type { EmulatorState } from "../context.js";
import { type ApiEvent, parseJson, readBody, toEvent } from "../protocol.js";
import type { RequestTrace } from "../request-trace.js";
import { ApiError, isObject } from "../util.js";
import { Assets, assetsDir } from "./assets.js";
import { serveLive } from "./live.js";

/** Options of the dashboard served at `/`. */
export interface DashboardOptions {
  /** Let the page act (pause/resume/retry jobs, reset): off by default, the page is read-only. */
  actions?: boolean;
  /** Puts the workspace back to its seed (the dashboard's reset action), when the emulator can. */
  reset?: () => Promise<void> | void;
}

/** What the dashboard's routes need from the server. */
export interface DashboardDeps {
  state: EmulatorState;
  events: EventStream;
  options: DashboardOptions;
  /** Answers an event as `caller` through the API's own handlers and roles. */
  answer: (caller: Caller, ev: ApiEvent, method: string) => unknown;
}


/** The header every call of the page carries: a cross-site form or image cannot set it (no CORS is answered). */
const UI_HEADER = "x-accsyn-ui";

function send(res: ServerResponse, req: IncomingMessage, asset: { type: string; body: Buffer; gzipped: Buffer }, cache: string): void {
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? asset.gzipped : asset.body;
  res.writeHead(200, {
    "Content-Type": asset.type, "Content-Length": body.length, "Cache-Control": cache, ...(gzip ? { "Content-Encoding": "gzip" } : {}),
    "Content-Security-Policy": "default-src 'self'; style-src 'self'; img-src 'self' data:", "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
}

/**
 * The dashboard's routes: `/` (the page), `/ui/<file>` (its built assets), `/ui/live` (the event stream as SSE),
 * `/ui/request?seq=` (a request's event and answer), `/ui/whoami` (workspace and users to act as), and `/ui/api`
 * (an event answered as a chosen user through the same handlers and roles as the API).
 */
export function dashboardRoutes(deps: DashboardDeps): (req: IncomingMessage, res: ServerResponse, method: string, path: string, trace: RequestTrace) => Promise<unknown> {
  const { state, events, options } = deps;
  const assets = new Assets(assetsDir());
  const users = () => [...state.store.all("user")].filter((u) => !u._inactive).map((u) => ({ id: u.id, code: String(u.code), role: String(u.role ?? "standard") }));

  const actAs = (as: unknown): Caller => {
    const all = [...state.store.all("user")];
    const user = typeof as === "string" && as !== "" ? all.find((u) => u.id === as) : all.find((u) => u.role === "admin");
    if (!user) throw new ApiError(400, `No user '${String(as)}' to act as`);
    return { user, role: (user.role as Role | undefined) ?? "standard" };
  };

  const api = async (req: IncomingMessage, trace: RequestTrace): Promise<unknown> => {
    const body = parseJson(await readBody(req), "the request body");
    if (!isObject(body) || typeof body.method !== "string") throw new ApiError(400, "Send {as, method, uri, id?, data?, query?}");
    const method = body.method.toUpperCase();
    const ev = toEvent({ uri: body.uri, data: body.data ?? null, ...(typeof body.id === "string" ? { id: body.id } : {}), ...(typeof body.query === "string" ? { query: body.query } : {}) });
    const caller = actAs(body.as);
    Object.assign(trace, { uri: ev.uri, caller, event: ev, via: "dashboard", quiet: method === "GET", ...(ev.id ? { id: ev.id } : {}) });
    if (method !== "GET" && !options.actions) throw new ApiError(403, "The dashboard is read-only: start the emulator with --ui-actions to act from the page");
    return deps.answer(caller, ev, method);
  };

  return async (req, res, method, path, trace) => {
    trace.quiet = true; // the page's assets and reads are not API calls: they stay out of the request list
    if (method === "GET" && (path === "/" || path === "/index.html")) {
      const page = assets.get("index.html");
      if (!page) throw new ApiError(404, "The dashboard was not built: run `pnpm -F @accsyn/emulator build`");
      send(res, req, page, "no-cache");
      return undefined;
    }
    if (!path.startsWith("/ui/")) throw new ApiError(404, `Unknown endpoint ${method} ${path}`);
    const name = path.slice(4);
    if (method === "GET" && name === "live") return serveLive(req, res, events);
    if (method === "GET") {
      const asset = assets.get(name);
      if (asset) {
        send(res, req, asset, "no-cache");
        return undefined;
      }
    }
    if (req.headers[UI_HEADER] !== "1") throw new ApiError(403, `Dashboard calls carry the '${UI_HEADER}: 1' header`);
    if (method === "GET" && name === "whoami")
      return { workspace: String(state.workspace().code), users: users(), actions: !!options.actions, reset: !!(options.actions && options.reset), seq: events.last };
    if (method === "GET" && name === "request") {
      const seq = Number(new URL(req.url ?? "/", "http://x").searchParams.get("seq"));
      return events.detail(seq) ?? { missing: true };
    }
    if (method === "POST" && name === "api") {
      trace.quiet = false;
      return api(req, trace);
    }
    if (method === "POST" && name === "reset") {
      if (!options.actions || !options.reset) throw new ApiError(403, "Reset from the page needs --ui-actions");
      trace.quiet = false;
      Object.assign(trace, { uri: "workspace/reset", caller: actAs(undefined), via: "dashboard" });
      await options.reset();
      return { result: true };
    }
    throw new ApiError(404, `Unknown endpoint ${method} ${path}`);
  };
}
