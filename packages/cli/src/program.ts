/**
 * The `accsyn` program: global options, every command group, and `run(argv)` which parses,
 * runs and maps failures to the documented exit codes.
 */
import { Command, CommanderError, Option } from "@commander-js/extra-typings";
import { registerAccess } from "./commands/access.js";
import { registerAlias } from "./commands/alias.js";
import { registerAssign } from "./commands/assign.js";
import { registerCompletion } from "./commands/completion.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerEmulator } from "./commands/emulator.js";
import { registerEntities } from "./commands/entities.js";
import { registerFiles } from "./commands/files.js";
import { registerJobs } from "./commands/jobs.js";
import { registerMutations } from "./commands/mutate.js";
import { registerSettings } from "./commands/settings.js";
import { registerWatch } from "./commands/watch.js";
import { registerWhoami } from "./commands/whoami.js";
import { Context, type GlobalOptions } from "./context.js";
import { EXIT, reportFailure, type ExitCode } from "./errors.js";
import { parsePort, parseSeconds } from "./options.js";
import { VERSION } from "./version.js";

const MAIN_HELP = `
Examples:
  $ accsyn whoami
  $ accsyn find "user WHERE role=admin"
  $ accsyn get transfer 6f1c0e4d2a9b8c7d6e5f4a3b --json
  $ accsyn create transfer @job.json --wait
  $ accsyn watch "Transfer WHERE status=running"
  $ accsyn ls share=projects/shots -r
  $ accsyn job find "status=running"          (the official CLI's form)

Credentials: ACCSYN_WORKSPACE, ACCSYN_API_USER, ACCSYN_API_KEY (or a .env file, or --env-file).
Endpoint: ACCSYN_HOSTNAME, ACCSYN_PORT, ACCSYN_PROTOCOL (options win).
Exit codes: 0 ok, 1 error, 2 usage, 3 auth, 4 network, 5 not found, 6 job failed/aborted,
  7 permission, 8 conflict, 9 timeout, 10 internal.`;

/** Builds the program; `ctx` receives the parsed global options. */
export function createProgram(): { program: Command; context: Context } {
  const program = new Command("accsyn");
  const context = new Context(() => program.opts() as GlobalOptions);
  program
    .description("Work with an accsyn workspace from the command line: entities, files, access, settings and jobs.")
    .version(VERSION, "-V, --version", "print the version")
    .option("--workspace <code>", "workspace code (else ACCSYN_WORKSPACE)")
    .option("--user <email>", "API user e-mail (else ACCSYN_API_USER)")
    .addOption(new Option("--api-key <key>", "API key; discouraged, prefer ACCSYN_API_KEY or --env-file"))
    .option("--env-file <path>", "a .env file with credentials, overriding the environment (else ACCSYN_CREDENTIALS_PATH; else ./.env fills what the environment lacks)")
    .option("--host <hostname>", "backend host; skips workspace resolution (else ACCSYN_HOSTNAME)")
    .option("--port <port>", "backend port (else ACCSYN_PORT)", parsePort)
    .option("--http", "plain HTTP, for a local emulator or an accsyn proxy (else ACCSYN_PROTOCOL)")
    .option("--insecure", "accept any TLS certificate (unsafe)")
    .option("--proxy <proxy>", "accsyn:host:port, host:port or socks5:host:port (else ACCSYN_PROXY)")
    .option("--timeout <seconds>", "time to wait for an answer", parseSeconds)
    .option("--verbose", "log each request and answer on stderr (secrets masked)")
    .option("--timing", "print a per-call summary on stderr at the end: operation, status, time, bytes, retries and 429 waits")
    .option("--json", "print the result as JSON (dates ISO 8601)")
    .option("--ndjson", "print results as newline-delimited JSON")
    .showHelpAfterError("(run with --help for usage)")
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .addHelpText("after", MAIN_HELP);
  registerWhoami(program, context);
  registerEntities(program, context);
  registerMutations(program, context);
  registerAssign(program, context);
  registerFiles(program, context);
  registerAccess(program, context);
  registerSettings(program, context);
  registerJobs(program, context);
  registerWatch(program, context);
  registerDoctor(program, context);
  registerEmulator(program, context);
  registerCompletion(program, context);
  registerAlias(program, context);
  return { program, context };
}

function commanderExit(error: CommanderError): ExitCode {
  // `--help` and `--version` succeed; help shown because a sub-command is missing is a usage error.
  const ok = ["commander.helpDisplayed", "commander.version"];
  return ok.includes(error.code) || error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
}

/** Runs `accsyn` with `argv` (the user's arguments, without `node` and the script); resolves with the exit code. */
export async function run(argv: readonly string[]): Promise<ExitCode> {
  const { program, context } = createProgram();
  let failure: { error: unknown } | undefined;
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error);
    failure = { error };
  } finally {
    context.close();
  }
  const errorText = failure?.error instanceof Error ? failure.error.message : "";
  for (const warning of context.warnings) {
    if (!errorText.includes(warning)) context.stderr.write(`accsyn: warning: ${context.mask(warning)}\n`);
  }
  return failure ? reportFailure(failure.error, (text) => context.mask(text), context.stderr) : (context.exitCode ?? EXIT.OK);
}
