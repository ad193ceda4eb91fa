/**
 * Exit codes and the one-line error report: what went wrong and how to fix it, on stderr,
 * with secrets masked.
 */

/** The documented exit codes of `accsyn`. */
export const EXIT = {
  /** Success. */
  OK: 0,
  /** A generic failure or an error answered by the backend. */
  ERROR: 1,
  /** Bad usage: unknown command or option, missing or invalid argument, unreadable input. */
  USAGE: 2,
  /** Authentication: missing or rejected credentials, or no permission. */
  AUTH: 3,
  /** Network: cannot connect, timed out, TLS refused. */
  NETWORK: 4,
  /** The entity, file or setting was not found. */
  NOT_FOUND: 5,
  /** The job being waited for failed or was aborted. */
  JOB_FAILED: 6,
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
  message: string;
}

function sdkCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const marked = (error as Record<symbol, unknown>)[Symbol.for("accsyn.error")] === true;
  const code = (error as SdkErrorShape).code;
  return marked && typeof code === "string" ? code : undefined;
}

function withHint(message: string, hint: string): string {
  if (/accsyn doctor|Check |Please |Pass |use |set /i.test(message)) return message;
  return `${message}${/[.!?]$/.test(message.trim()) ? "" : "."} ${hint}`;
}

/** Maps any thrown value to an exit code and a one-line message. */
export function describeFailure(error: unknown): Failure {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  const code = sdkCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const { status, uri } = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  switch (code) {
    case "ACCSYN_VALIDATION":
      if (/supply your accsyn|credentials file/i.test(message)) return { exitCode: EXIT.AUTH, message };
      return { exitCode: EXIT.USAGE, message };
    case "ACCSYN_API":
      if (status === 401 || uri === "/api/login") return { exitCode: EXIT.AUTH, message: withHint(message, AUTH_HINT) };
      if (status === 403) return { exitCode: EXIT.AUTH, message: withHint(message, PERMISSION_HINT) };
      if (status === 404) return { exitCode: EXIT.NOT_FOUND, message };
      return { exitCode: EXIT.ERROR, message };
    case "ACCSYN_NETWORK":
    case "ACCSYN_ABORTED":
      return { exitCode: EXIT.NETWORK, message: withHint(message, NETWORK_HINT) };
    case "ACCSYN_PROTOCOL":
      return { exitCode: EXIT.ERROR, message };
    default:
      return { exitCode: EXIT.ERROR, message: code === undefined && !(error instanceof Error) ? `Unexpected failure: ${message}` : message };
  }
}

/** Replaces each secret (and its base64 forms) in `text` with `***`. */
export function maskSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    const b64 = Buffer.from(secret, "utf8").toString("base64");
    for (const form of [secret, b64, b64.replace(/=+$/, ""), encodeURIComponent(secret)]) out = out.split(form).join("***");
  }
  return out;
}

/** Writes the failure as one line on stderr (secrets masked) and returns its exit code. */
export function reportFailure(error: unknown, secrets: ReadonlyArray<string | undefined>, stderr: NodeJS.WritableStream = process.stderr): ExitCode {
  const failure = describeFailure(error);
  const line = failure.message.replace(/\s*\n\s*/g, " ").trim();
  stderr.write(`accsyn: ${maskSecrets(line, secrets)}\n`);
  return failure.exitCode;
}
