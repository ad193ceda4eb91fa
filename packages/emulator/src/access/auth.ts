import type { IncomingMessage } from "node:http";
import { randomBytes } from "node:crypto";
import type { Store } from "../store/store.js";
import { ApiError, type Entity } from "../util.js";

/** Roles a user may have. */
export type Role = "admin" | "employee" | "standard" | "support";

/** The authenticated caller of one request. */
export interface Caller {
  /** The user entity. */
  user: Entity;
  /** Effective role (`support` behaves like admin). */
  role: Role;
}

function decodeB64(text: string): string {
  return Buffer.from(text, "base64").toString("utf8");
}

/** The store scope that keeps session ids (session id → user id), so sessions outlive a restart like the real backend's. */
export const SESSION_SCOPE = "_session:";

/** Checks credentials and sessions against the users of the workspace. */
export class Auth {
  constructor(
    private readonly store: Store,
    private readonly workspaceCode: () => string,
  ) {}

  /** The user whose e-mail and API key are in the headers, or an HTTP 401 error. */
  authenticate(req: IncomingMessage): Caller {
    const header = req.headers.authorization ?? "";
    const match = /^basic\s+([^:\s]*):(\S*)$/i.exec(header.trim());
    if (!match) throw new ApiError(401, "Missing or malformed Authorization header (expected 'basic <user>:<key>')");
    const workspace = String(req.headers["x-accsyn-workspace"] ?? "");
    if (workspace.toLowerCase() !== this.workspaceCode().toLowerCase())
      throw new ApiError(401, `Unknown workspace '${workspace}'`);
    const username = decodeB64(match[1] ?? "").toLowerCase();
    const key = decodeB64(match[2] ?? "");
    const user = this.store.byCode("user", username)[0];
    const keys = (user?._api_keys as string[] | undefined) ?? [];
    if (!user || key === "" || !keys.includes(key)) throw new ApiError(401, "Invalid credentials");
    if (user._inactive || user.status === "disabled") throw new ApiError(401, "User is disabled");
    return { user, role: (user.role as Role | undefined) ?? "standard" };
  }

  /** Opens a session for a caller and answers its id. */
  login(caller: Caller): string {
    const id = randomBytes(12).toString("hex");
    this.store.setSetting(SESSION_SCOPE, id, caller.user.id);
    return id;
  }

  /** Throws HTTP 401 unless `session` is a live session of the caller. */
  checkSession(caller: Caller, session: unknown): void {
    if (typeof session !== "string" || this.store.scope(SESSION_SCOPE).get(session) !== caller.user.id)
      throw new ApiError(401, "Invalid or expired session, please log in again");
  }
}
