import type { IncomingMessage, ServerResponse } from "node:http";
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { EmulatorState } from "../context.js";
import type { JobRunner } from "../jobs/runner.js";
import { sendJson } from "../protocol.js";
import type { RateLimitGuard } from "../rate-limit.js";
import type { Seed } from "../seed.js";
import { type LocalState, readState, takeSnapshot, writeState } from "./snapshot.js";

/** The path prefix of the control endpoints (outside `/api/v3`, never rate limited). */
export const CONTROL_PREFIX = "/_emulator/";
/** The header that carries the control key. */
export const CONTROL_KEY_HEADER = "x-accsyn-emulator-key";

/** The parts of an emulator besides its state that a reset puts back. */
export interface KitParts {
  runner?: JobRunner | undefined;
  guard?: RateLimitGuard | undefined;
}

/**
 * The test kit of one emulator: remembers the state it started with, puts it back on {@link TestKit.reset},
 * exports the current state as a seed, and serves both on the control endpoints.
 */
export class TestKit {
  /** The key the control endpoints require (random per start). */
  readonly controlKey = randomBytes(16).toString("hex");
  private readonly baseline: LocalState;

  constructor(
    private readonly state: EmulatorState,
    private readonly parts: KitParts = {},
  ) {
    this.baseline = readState(state.store, state.dataDir);
  }

  /** Puts back the state at start; answers the milliseconds it took. */
  reset(): number {
    const started = performance.now();
    writeState(this.state.store, this.state.dataDir, this.baseline);
    this.state.logs.length = 0;
    this.parts.runner?.forget();
    this.parts.guard?.refill();
    return performance.now() - started;
  }

  /** The current state as a seed: `workspace` and `users` summarise it, `snapshot` holds it verbatim. */
  exportSeed(): Seed {
    const { store } = this.state;
    const ws = this.state.workspace();
    return {
      workspace: { id: ws.id, code: String(ws.code), name: String(ws.name ?? ws.code) },
      users: [...store.all("user")].map((u) => ({
        id: u.id, code: String(u.code), name: String(u.name ?? u.code), role: u.role as Seed["users"][number]["role"],
        api_key: ((u._api_keys as string[] | undefined) ?? [])[0] ?? "",
      })),
      snapshot: takeSnapshot(store, this.state.dataDir),
    };
  }

  /** Serves `POST /_emulator/reset` and `GET /_emulator/export`; answers false for any other path. */
  readonly handler = (req: IncomingMessage, res: ServerResponse, method: string, path: string): boolean => {
    if (!path.startsWith(CONTROL_PREFIX)) return false;
    req.resume();
    const given = Buffer.from(String(req.headers[CONTROL_KEY_HEADER] ?? ""));
    const key = Buffer.from(this.controlKey);
    if (given.length !== key.length || !timingSafeEqual(given, key)) {
      sendJson(res, 401, { message: `Missing or wrong '${CONTROL_KEY_HEADER}' header: use the controlKey of the emulator's handle` });
      return true;
    }
    const action = path.slice(CONTROL_PREFIX.length);
    try {
      if (action === "reset" && method === "POST") sendJson(res, 200, { result: { ms: this.reset() } });
      else if (action === "export" && method === "GET") sendJson(res, 200, { result: this.exportSeed() });
      else sendJson(res, 404, { message: `Unknown control endpoint ${method} ${path}: use POST ${CONTROL_PREFIX}reset or GET ${CONTROL_PREFIX}export` });
    } catch (err) {
      sendJson(res, 500, { message: `Control ${action} failed: ${(err as Error).message}` });
    }
    return true;
  };
}
