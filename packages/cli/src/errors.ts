/**
 * Exit codes and the one-line error report: what went wrong and how to fix it, on stderr,
 * with secrets masked.
 */

/**
 * The documented exit codes of `accsyn`, one table for every command (see the README's "Exit
 * codes"). Codes 0–6 keep the values they had before permission, conflict, timeout and internal
 * got their own.
 */
export const EXIT = {
  /** Success. */
  OK: 0,
  /** Any other failure: the backend refused the request for a reason none of the codes below names. */
  ERROR: 1,
  /** Bad usage: unknown command or option, missing or invalid argument, unreadable input, refused confirmation. */
  USAGE: 2,
  /** Authentication: missing or rejected credentials. */
  AUTH: 3,
  /** Network: cannot connect, connection reset, TLS refused, plain HTTP spoken to HTTPS. */
  NETWORK: 4,
  /** The entity, file, ACL or setting was not found. */
  NOT_FOUND: 5,
  /** The job being waited for failed or was aborted. */
  JOB_FAILED: 6,
  /** Permission: the credentials are valid but the user may not do this. */
  PERMISSION: 7,
  /** Conflict: the thing already exists (a code, a directory, a duplicate task). */
  CONFLICT: 8,
  /** Timeout: no answer within `--timeout`. */
  TIMEOUT: 9,
  /** Internal: a bug in accsyn itself; please report it with the command that caused it. */
  INTERNAL: 10,
} as const;

/** One of the values of {@link EXIT}. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI raises itself, with the exit code it ends with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.ERROR,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** A usage error (exit code 2): bad argument or input. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT.USAGE);
}

/** What an error becomes on the command line. */
export interface Failure {
  exitCode: ExitCode;
  message: string;
}

const AUTH_HINT = "Check --workspace/--user and ACCSYN_API_KEY (or --env-file), then run `accsyn doctor`.";
const PERMISSION_HINT = "Your user lacks the permission: ask a workspace admin, or use another user.";
const NETWORK_HINT = "Check --host, --port, --http, --proxy and your network, or run `accsyn doctor`.";

interface SdkErrorShape {
  code?: unknown;
  status?: unknown;
  uri?: unknown;
  networkCode?: unknown;
  message: string;
}

const TIMEOUT_HINT = "Pass a larger --timeout (seconds), or check the backend's load and your network.";
const PLAIN_HTTP_HINT = "This endpoint is plain HTTP — use --http / ACCSYN_PROTOCOL=http.";

/** Node's own errors that come from what the user asked for (a file that is missing, …). */
const USER_SYSTEM_ERRORS = new Set(["ENOENT", "EACCES", "EISDIR", "ENOTDIR", "EPERM"]);

/** The `code` of an error the SDK raised (`ACCSYN_API`, `ACCSYN_VALIDATION`, …); `undefined` for any other value. */
export function sdkCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const marked = (error as Record<symbol, unknown>)[Symbol.for("accsyn.error")] === true;
  const code = (error as SdkErrorShape).code;
  return marked && typeof code === "string" ? code : undefined;
}

function withHint(message: string, hint: string): string {
  if (/accsyn doctor|Check |Please |Pass |use |set /i.test(message)) return message;
  return `${message}${/[.!?]$/.test(message.trim()) ? "" : "."} ${hint}`;
}

/** A backend answer saying the query does not parse (the emulator's wording; the service may word it otherwise): a usage error. */
export const QUERY_SYNTAX_ERROR = /query syntax error/i;

function apiFailure(message: string, status: unknown, uri: unknown): Failure {
  if (QUERY_SYNTAX_ERROR.test(message)) return { exitCode: EXIT.USAGE, message };
  if (status === 401 || uri === "/api/login") return { exitCode: EXIT.AUTH, message: withHint(message, AUTH_HINT) };
  if (status === 403) return { exitCode: EXIT.PERMISSION, message: withHint(message, PERMISSION_HINT) };
  if (status === 404) return { exitCode: EXIT.NOT_FOUND, message };
  if (status === 409) return { exitCode: EXIT.CONFLICT, message };
  return { exitCode: EXIT.ERROR, message };
}

function networkFailure(message: string, error: SdkErrorShape): Failure {
  if (error.networkCode === "ETIMEDOUT") return { exitCode: EXIT.TIMEOUT, message: withHint(message, TIMEOUT_HINT) };
  // the SDK judged the handshake (its isPlainHttpAnswer) and said so; the CLI names its own flag
  if (/speaks plain HTTP/.test(message)) return { exitCode: EXIT.NETWORK, message: `${message.replace(/\)\s*:.*$/s, ").")} ${PLAIN_HTTP_HINT}` };
  return { exitCode: EXIT.NETWORK, message: withHint(message, NETWORK_HINT) };
}

/** Maps any thrown value to an exit code (the {@link EXIT} table) and a one-line message. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  const code = sdkCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const shape = (typeof error === "object" && error !== null ? error : { message }) as SdkErrorShape;
  switch (code) {
    case "ACCSYN_VALIDATION":
      if (/supply your accsyn|credentials file/i.test(message)) return { exitCode: EXIT.AUTH, message };
      return { exitCode: EXIT.USAGE, message };
    case "ACCSYN_NOT_FOUND":
      return { exitCode: EXIT.NOT_FOUND, message };
    case "ACCSYN_JOB":
      return { exitCode: EXIT.JOB_FAILED, message };
    case "ACCSYN_API":
      return apiFailure(message, shape.status, shape.uri);
    case "ACCSYN_NETWORK":
    case "ACCSYN_ABORTED":
      return networkFailure(message, shape);
    case "ACCSYN_PROTOCOL":
      return { exitCode: EXIT.ERROR, message };
    default: {
      if (code !== undefined) return { exitCode: EXIT.ERROR, message };
      const system = (shape as { code?: unknown }).code;
      if (typeof system === "string" && USER_SYSTEM_ERRORS.has(system)) return { exitCode: EXIT.USAGE, message };
      return { exitCode: EXIT.INTERNAL, message: `Internal error: ${message}. This is a bug in accsyn: please report it with the command you ran (and --verbose output, secrets are masked).` };
    }
  }
}

/**
 * Replaces each secret (and its base64 and URL-encoded forms, longest first) in `text` with
 * `***`; any non-empty secret counts, however short. The CLI's own list, for text printed before
 * a session exists; once one does, its `mask` covers the key it authenticates with.
 */
export function maskSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    const b64 = Buffer.from(secret, "utf8").toString("base64");
    for (const form of [secret, b64, b64.replace(/=+$/, ""), encodeURIComponent(secret)]) forms.add(form);
  }
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join("***");
  return out;
}

/** Writes the failure as one line on stderr (masked by `mask`) and returns its exit code. */
export function reportFailure(error: unknown, mask: (text: string) => string, stderr: NodeJS.WritableStream = process.stderr): ExitCode {
  const failure = describeFailure(error);
  const line = failure.message.replace(/\s*\n\s*/g, " ").trim();
  stderr.write(`accsyn: ${mask(line)}\n`);
  return failure.exitCode;
}
