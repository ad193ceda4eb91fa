/**
 * Shared by the examples: a session from the environment and a runner that reports failures.
 *
 * `Session.connect()` reads the environment itself:
 * - `ACCSYN_WORKSPACE`, `ACCSYN_API_USER`, `ACCSYN_API_KEY`: who to log in as;
 * - `ACCSYN_HOSTNAME`, `ACCSYN_PORT`, `ACCSYN_PROTOCOL` (optional): the backend to talk to (e.g. a
 *   local emulator: `127.0.0.1`, `8181`, `http`) instead of resolving the workspace through the accsyn registry.
 */
import { Session } from "@accsyn/api";

/**
 * Logs in, runs `main` with the session and the command-line arguments, and closes the session.
 * A failure is printed to stderr and makes the program exit with status 1.
 */
export async function runExample(main: (session: Session, args: string[]) => Promise<void>): Promise<void> {
  let session: Session | undefined;
  try {
    session = await Session.connect();
    await main(session, process.argv.slice(2));
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    session?.close();
  }
}
