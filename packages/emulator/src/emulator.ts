import { createServer as createHttp, type Server } from "node:http";
import { createServer as createHttps } from "node:https";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventStream, jobLogWriter, type LogFormat, logPrinter, StoreEvents } from "./events/index.js";
import type { EmulatorState } from "./handlers/index.js";
import { MAX_BODY_BYTES } from "./protocol.js";
import { applySeed, DEMO_SEED, readSeed, type Seed } from "./seed.js";
import { RateLimitGuard, type RateLimitFigures } from "./rate-limit.js";
import { createHandler } from "./server.js";
import { Store } from "./store/store.js";
import { JobRunner, type RunnerOptions } from "./jobs/runner.js";
import { listenError } from "./listen-error.js";
import type { DashboardOptions } from "./ui/routes.js";
import type { EmulatorControl, EmulatorHandle, EmulatorUser } from "./handle.js";
import { TestKit } from "./testing/kit.js";
import { restoreSnapshot } from "./testing/snapshot.js";

export type { EmulatorUser } from "./handle.js";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on (default 8181; 0 picks a free port). */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** A seed object or the path of a seed JSON file (default: the built-in demo seed). */
  seed?: Seed | string;
  /** Directory for the SQLite file and volumes; state persists across restarts. Default: in memory + a temporary directory. */
  dataDir?: string;
  /** Serve HTTPS with this certificate and key (PEM text or file paths). */
  tls?: { cert: string; key: string };
  /**
   * Print the event stream (requests, entity changes, job and task transitions, file operations): `true`
   * writes one line per event to stderr, a function receives each line.
   */
  log?: boolean | ((line: string) => void);
  /** `text` (default): readable lines; `json`: one JSON object per line. */
  logFormat?: LogFormat;
  /**
   * The dashboard at `/` (default on): `false` turns it off; `{ actions: true }` lets the page pause, resume
   * and retry jobs (read-only otherwise).
   */
  ui?: boolean | Omit<DashboardOptions, "reset">;
  /**
   * Simulated transfers: `rate` in bytes/s (0 = instant, default 50 MiB/s); `autoStart` (default true) runs new
   * jobs created without a status; `run: false` freezes every job in its status (no runner).
   */
  jobs?: RunnerOptions & { autoStart?: boolean; run?: boolean };
  /**
   * Enforce the service's API limits per client IP address, answering 429 with `Retry-After`:
   * `true` for the service's figures (30 requests/s, bursts of 60, 100 connections), or your own
   * figures. Off by default.
   */
  rateLimit?: boolean | Partial<RateLimitFigures>;
}

/** A running emulator, with the test kit's controls. */
export interface RunningEmulator extends EmulatorControl {
  /** Base URL, e.g. `http://127.0.0.1:8181` (the API lives under `/api/v3`). */
  url: string;
  /** The port listened on (the real one when 0 was asked). */
  port: number;
  /** The interface listened on. */
  host: string;
  /** The workspace code (`acme` with the demo seed). */
  workspace: string;
  /** Users of the workspace with their (first) API key. */
  users: EmulatorUser[];
  /** The data directory (`dataDir`, or the temporary one): `volumes/`, `clients/<id>/` sandboxes, `sites/`, `deliveries/`. */
  dataDir: string;
  /** The emulator's event stream: subscribe to it, or read what it kept. */
  events: EventStream;
  /** The dashboard's address (`<url>/`), or undefined when it is off. */
  dashboardUrl?: string;
  /** The JSON a test process needs to reach this emulator and call {@link connectEmulator}. */
  handle: EmulatorHandle;
  /** Closes the server and the database (and removes the temporary directory). */
  stop(): Promise<void>;
}

const pem = (v: string): string => (v.includes("-----BEGIN") ? v : readFileSync(v, "utf8"));

/**
 * Starts a local accsyn-compatible backend.
 *
 * @example
 * const emu = await startEmulator({ port: 0 });
 * // log in as emu.users[0].username / emu.users[0].apiKey on workspace emu.workspace at emu.url
 * await emu.stop();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const tempDir = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), "accsyn-emulator-"));
  const baseDir = options.dataDir ?? (tempDir as string);
  mkdirSync(baseDir, { recursive: true });
  let store: Store | undefined;
  let runner: JobRunner | undefined;
  try {
    store = new Store(options.dataDir ? join(baseDir, "emulator.sqlite") : undefined);
    return await serve(options, store, baseDir, tempDir, (r) => (runner = r));
  } catch (err) {
    runner?.stop();
    store?.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw err;
  }
}

async function serve(options: EmulatorOptions, store: Store, baseDir: string, tempDir: string | undefined,
  onRunner: (r: JobRunner) => void): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const volumesDir = join(baseDir, "volumes");
  if (store.isEmpty()) {
    const seed = typeof options.seed === "string" ? readSeed(options.seed) : (options.seed ?? DEMO_SEED);
    if (seed.snapshot) restoreSnapshot(store, baseDir, seed.snapshot);
    else applySeed(store, seed, volumesDir);
  }
  const state: EmulatorState = {
    store,
    workspace: () => store.all("workspace").next().value ?? { id: "", code: "" },
    logs: [],
    volumesDir,
    dataDir: baseDir,
    autoStart: options.jobs?.autoStart ?? true,
  };
  const runner = options.jobs?.run === false ? undefined : new JobRunner(state, options.jobs);
  if (runner) onRunner(runner);
  const events = new EventStream({ secrets: () => [...store.all("user")].flatMap((u) => (u._api_keys as string[] | undefined) ?? []) });
  const storeEvents = new StoreEvents(events);
  store.observe((changes) => storeEvents.publish(changes));
  events.subscribe(jobLogWriter(store, (line) => {
    state.logs.push(line);
    if (state.logs.length > 10_000) state.logs.splice(0, 1000);
  }));
  const log = options.log === true ? (l: string) => process.stderr.write(`${l}\n`) : options.log || undefined;
  if (log) events.subscribe(logPrinter(log, options.logFormat));
  const ui = options.ui === false ? false : { ...(options.ui === true || options.ui === undefined ? {} : options.ui) };
  let port = options.port ?? 8181;
  const guard = options.rateLimit ? new RateLimitGuard(options.rateLimit === true ? {} : options.rateLimit) : undefined;
  const kit = new TestKit(state, { runner, guard });
  const reset = async (): Promise<void> => {
    await kit.reset();
    events.emit({ type: "reset" });
  };
  const dashboard = ui && ui.actions ? { ...ui, reset } : ui;
  const handler = createHandler({ state, address: () => ({ hostname: host, port }), events, ui: dashboard, ...(guard ? { rateLimit: guard } : {}), control: kit.handler });
  const serverOpts = { maxHeaderSize: MAX_BODY_BYTES, keepAliveTimeout: 10_000, headersTimeout: 60_000, requestTimeout: 300_000 };
  const server: Server = options.tls
    ? createHttps({ ...serverOpts, cert: pem(options.tls.cert), key: pem(options.tls.key) }, handler)
    : createHttp(serverOpts, handler);
  server.keepAliveTimeout = 10_000;
  if (guard) server.on("connection", guard.onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => reject(listenError(error, host, port)));
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const scheme = options.tls ? "https" : "http";
  const users: EmulatorUser[] = [...store.all("user")].map((u) => ({
    username: String(u.code), apiKey: ((u._api_keys as string[] | undefined) ?? [])[0] ?? "", role: String(u.role), id: u.id,
  }));
  let stopped = false;
  const url = `${scheme}://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const workspace = String(state.workspace().code);
  return {
    url,
    events,
    ...(ui ? { dashboardUrl: `${url}/` } : {}),
    port,
    host,
    workspace,
    users,
    dataDir: baseDir,
    handle: { url, workspace, users, controlKey: kit.controlKey },
    reset,
    export: async () => kit.exportSeed(),
    async stop() {
      if (stopped) return;
      stopped = true;
      runner?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
