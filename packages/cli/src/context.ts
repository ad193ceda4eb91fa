/**
 * What every command shares: the global options, the printer, and a session created on first
 * use (the SDK is loaded only then, so `accsyn --version` stays fast).
 */
import type { Session, SessionOptions } from "@accsyn/api";
import { maskSecrets, usageError, type ExitCode } from "./errors.js";
import { Printer, type OutputMode } from "./output/print.js";
import { CallTiming } from "./output/timing.js";

/** The global options, as commander parses them. */
export interface GlobalOptions {
  workspace?: string;
  user?: string;
  apiKey?: string;
  envFile?: string;
  host?: string;
  port?: number;
  http?: boolean;
  insecure?: boolean;
  proxy?: string;
  timeout?: number;
  verbose?: boolean;
  timing?: boolean;
  json?: boolean;
  ndjson?: boolean;
}

/** The session type of `@accsyn/api` (every method group). */
export type ApiSession = Session;

/** Per-run state shared by the commands. */
export class Context {
  /** Warnings the SDK logged; printed at the end unless they repeat the final error. */
  readonly warnings: string[] = [];
  /** The exit code of a command that finished without throwing but did not fully succeed (e.g. `doctor`). */
  exitCode: ExitCode | undefined;
  #printer: Printer | undefined;
  #session: ApiSession | undefined;
  #timing: CallTiming | undefined;

  constructor(
    private readonly readGlobals: () => GlobalOptions,
    readonly stderr: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
  ) {}

  /** The parsed global options. */
  get globals(): GlobalOptions {
    return this.readGlobals();
  }

  /** Secrets that must never be printed, known before any session: the API key from --api-key or the environment. */
  get secrets(): string[] {
    return [this.globals.apiKey, process.env.ACCSYN_API_KEY].filter((s): s is string => typeof s === "string" && s.trim() !== "").flatMap((s) => [s, s.trim()]);
  }

  /**
   * `text` with every secret masked: those above, and once a session exists whatever it
   * authenticates with (a key from --env-file, ACCSYN_CREDENTIALS_PATH or ./.env included).
   */
  mask(text: string): string {
    const masked = maskSecrets(text, this.secrets);
    return this.#session ? this.#session.mask(masked) : masked;
  }

  /** The printer for the chosen output mode. */
  get out(): Printer {
    if (!this.#printer) {
      const { json, ndjson } = this.globals;
      if (json && ndjson) throw usageError("--json and --ndjson cannot be combined: pick one.");
      const mode: OutputMode = json ? "json" : ndjson ? "ndjson" : "human";
      this.#printer = new Printer(mode, process.stdout, this.stderr);
    }
    return this.#printer;
  }

  /** Writes a note to stderr (never to stdout, which carries results). */
  note(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  /** SDK session options from the global options; the SDK logs through stderr. */
  sessionOptions(): SessionOptions {
    const g = this.globals;
    const options: SessionOptions = {
      logger: {
        debug: (line) => this.stderr.write(`[accsyn] ${line}\n`),
        warn: (line) => (g.verbose ? this.stderr.write(`[accsyn] warn: ${line}\n`) : this.warnings.push(line)),
        error: (line) => this.stderr.write(`[accsyn] error: ${line}\n`),
      },
    };
    if (g.workspace !== undefined) options.workspace = g.workspace;
    if (g.user !== undefined) options.username = g.user;
    if (g.apiKey !== undefined) options.apiKey = g.apiKey;
    if (g.envFile !== undefined) options.envFile = g.envFile;
    if (g.host !== undefined) options.hostname = g.host;
    if (g.port !== undefined) options.port = g.port;
    if (g.http) options.protocol = "http";
    if (g.insecure) options.insecureTls = true;
    if (g.proxy !== undefined) options.proxy = g.proxy;
    if (g.timeout !== undefined) options.timeoutMs = g.timeout * 1000;
    if (g.verbose) options.verbose = true;
    return options;
  }

  /** The session, created (not yet logged in) on first use. */
  async session(): Promise<ApiSession> {
    if (!this.#session) {
      if (this.globals.apiKey !== undefined) {
        this.note("accsyn: warning: --api-key is visible in the process list and shell history; prefer ACCSYN_API_KEY or --env-file.");
      }
      const { Session: ApiSessionClass } = await import("@accsyn/api");
      this.#session = new ApiSessionClass(this.sessionOptions());
      if (this.globals.timing) (this.#timing = new CallTiming()).attach(this.#session);
    }
    return this.#session;
  }

  /** Closes the session's connections, if one was opened; with `--timing`, prints the calls' summary on stderr. */
  close(): void {
    this.#session?.close();
    const summary = this.#timing?.summary();
    if (summary) this.stderr.write(`${summary}\n`);
  }
}
