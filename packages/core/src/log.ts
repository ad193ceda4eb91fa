/**
 * Logging: warnings always go to the logger; with `verbose`, every request and answer is logged
 * too. Every line passes through the session's {@link SecretMasker}.
 */
import { appendFileSync } from "node:fs";
import { inspect, type InspectOptionsStylized } from "node:util";
import { maskedView, type SecretMasker } from "./redact.js";

/** Severity of a log line. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Where log lines go. Any method may be left out to drop that level. */
export interface Logger {
  /** Verbose request and answer lines (only with `verbose`). */
  debug?(message: string): void;
  /** Informational lines. */
  info?(message: string): void;
  /** Warnings: backend messages, deprecations, multiple matches. */
  warn?(message: string): void;
  /** Errors. */
  error?(message: string): void;
}

/** Options that decide how a session logs. */
export interface LogOptions {
  /** Log every request and answer (secrets masked). */
  verbose?: boolean;
  /** Indent JSON in verbose output. */
  prettyJson?: boolean;
  /** Append log lines to this file instead of writing them to the console. */
  logFile?: string;
  /** A logger of your own (e.g. pino, console); receives masked lines. */
  logger?: Logger;
}

/**
 * The session's logger: levels, masking and the optional log file. It keeps only the log options
 * (never the session options, which may hold the API key), in `#private` fields.
 */
export class SessionLog {
  /** Whether requests and answers are logged. */
  readonly verbose: boolean;
  /** Whether verbose JSON is indented. */
  readonly prettyJson: boolean;
  readonly #logger: Logger | undefined;
  readonly #logFile: string | undefined;
  readonly #masker: SecretMasker;

  constructor(options: LogOptions, masker: SecretMasker) {
    this.verbose = options.verbose ?? false;
    this.prettyJson = options.prettyJson ?? false;
    this.#logger = options.logger;
    this.#logFile = options.logFile;
    this.#masker = masker;
  }

  /** The logger given in the options, if any. */
  get customLogger(): Logger | undefined {
    return this.#logger;
  }

  /** Shows the log settings, never the masker's secrets. */
  [inspect.custom](depth: number, options: InspectOptionsStylized): string {
    return maskedView("SessionLog", this.toJSON(), depth, options);
  }

  /** The JSON form: the log settings. */
  toJSON(): Record<string, unknown> {
    return { verbose: this.verbose, prettyJson: this.prettyJson, logFile: this.#logFile, logger: this.#logger ? "custom" : undefined };
  }

  /** Logs a debug line; written only in verbose mode. */
  debug(message: string): void {
    if (this.verbose) this.write("debug", message);
  }

  /** Logs a warning (always). */
  warn(message: string): void {
    this.write("warn", message);
  }

  /** Logs an error (always). */
  error(message: string): void {
    this.write("error", message);
  }

  /** Renders a value for a verbose line, honouring `prettyJson`. */
  json(value: unknown): string {
    try {
      return JSON.stringify(value, null, this.prettyJson ? 2 : undefined) ?? String(value);
    } catch {
      return String(value);
    }
  }

  private write(level: LogLevel, message: string): void {
    const line = this.#masker.mask(message);
    const logger = this.#logger;
    const logFile = this.#logFile;
    if (logger) {
      logger[level]?.(line);
      return;
    }
    if (logFile) {
      appendFileSync(logFile, `${new Date().toISOString()} [${level}] ${line}\n`);
      return;
    }
    // Everything goes to stderr, so verbose logging never corrupts a program's stdout (e.g. JSON).
    process.stderr.write(level === "debug" ? `[accsyn] ${line}\n` : `[accsyn] ${level}: ${line}\n`);
  }
}

const warnedInProcess = new Set<string>();
const warnedPerLogger = new WeakMap<Logger, Set<string>>();

/**
 * Logs a deprecation warning once: once per process for the default console output, once per
 * logger when the session was given its own `logger`.
 */
export function warnDeprecated(log: SessionLog, key: string, message: string): void {
  const seen = log.customLogger ? warnedSet(log.customLogger) : warnedInProcess;
  if (seen.has(key)) return;
  seen.add(key);
  log.warn(message);
}

function warnedSet(logger: Logger): Set<string> {
  let set = warnedPerLogger.get(logger);
  if (!set) warnedPerLogger.set(logger, (set = new Set()));
  return set;
}

/** Logs `message` once per logger (for static methods, which have no session). */
export function staticWarnOnce(logger: Logger, message: string): void {
  const seen = warnedSet(logger);
  if (seen.has(message)) return;
  seen.add(message);
  logger.warn?.(message);
}
