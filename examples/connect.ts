/**
 * Shared by the examples: a session from the environment and a runner that reports failures.
 *
 * - `ACCSYN_WORKSPACE`, `ACCSYN_API_USER`, `ACCSYN_API_KEY`: who to log in as.
 * - `ACCSYN_HOST` (and `ACCSYN_PORT`): talk plain HTTP to this backend (a local emulator)
 *   instead of resolving the workspace through the accsyn registry.
 */
import { Session, type SessionOptions } from "@accsyn/api";

/** Session options read from the environment. */
export function connectionFromEnv(env: NodeJS.ProcessEnv = process.env): SessionOptions {
  const options: SessionOptions = {
    workspace: env.ACCSYN_WORKSPACE,
    username: env.ACCSYN_API_USER,
    apiKey: env.ACCSYN_API_KEY,
  };
  if (env.ACCSYN_HOST) {
    options.hostname = env.ACCSYN_HOST;
    options.protocol = "http";
    if (env.ACCSYN_PORT) options.port = Number(env.ACCSYN_PORT);
  }
  return options;
}

/**
 * Logs in, runs `main` with the session and the command-line arguments, and closes the session.
 * A failure is printed to stderr and makes the program exit with status 1.
 */
export async function runExample(main: (session: Session, args: string[]) => Promise<void>): Promise<void> {
  let session: Session | undefined;
  try {
    session = await Session.connect(connectionFromEnv());
    await main(session, process.argv.slice(2));
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    session?.close();
  }
}
