/** `emulator`: runs `@accsyn/emulator`, when installed, in the foreground until Ctrl-C. */
import type { Command } from "@commander-js/extra-typings";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { examples } from "./shared.js";

/** What the CLI uses of `@accsyn/emulator` (not a dependency: its native SQLite must not be compiled on `npm i -g @accsyn/cli`). */
interface EmulatorModule {
  startEmulator(options: {
    host: string; port: number; seed?: string; dataDir?: string; log?: boolean; logFormat?: "text" | "json"; ui?: false | { actions: boolean };
  }): Promise<RunningEmulator>;
}

interface RunningEmulator {
  url: string;
  host: string;
  port: number;
  workspace: string;
  users: Array<{ username: string; apiKey: string; role: string }>;
  /** The dashboard's address (emulators with a dashboard). */
  dashboardUrl?: string;
  stop(): Promise<void>;
}

const EMULATOR = "@accsyn/emulator";
const HOW_TO_GET_IT = "The emulator is not installed with the CLI. Run it with `npx @accsyn/emulator` (or `npm install -g @accsyn/emulator`, then retry `accsyn emulator`).";

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

/**
 * Finds `@accsyn/emulator` where it is installed: next to the CLI (a global install of both, or
 * one project), else in the current directory's project; otherwise says how to get it.
 */
export async function loadEmulator(cwd = process.cwd()): Promise<EmulatorModule> {
  try {
    // A variable specifier: bundlers must not pull the emulator into the CLI.
    const name: string = EMULATOR;
    return (await import(name)) as EmulatorModule;
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  try {
    const { createRequire } = await import("node:module");
    const { pathToFileURL } = await import("node:url");
    const path = createRequire(`${cwd}/package.json`).resolve(EMULATOR);
    return (await import(pathToFileURL(path).href)) as EmulatorModule;
  } catch (error) {
    if (!isMissing(error)) throw error;
    throw new CliError(HOW_TO_GET_IT, EXIT.USAGE);
  }
}

/** Registers `emulator`. */
export function registerEmulator(program: Command, ctx: Context): void {
  const emulator = program.command("emulator").description("run a local accsyn emulator in the foreground, when @accsyn/emulator is installed (uses --host and --port; default 127.0.0.1:8181)")
    .option("--seed <file>", "a seed JSON file (default: the demo seed, workspace acme)")
    .option("--data <dir>", "keep state in this directory across restarts (default: in memory)")
    .option("--log", "print the emulator's events to stderr: requests, changes, job and task status with failure reasons")
    .option("--log-format <format>", "text (default) or json: one JSON object per line")
    .option("--no-ui", "do not serve the dashboard at /")
    .option("--ui-actions", "let the dashboard pause, resume and retry jobs and reset the workspace (read-only otherwise)")
    .action(async (flags) => {
      if (flags.logFormat !== undefined && flags.logFormat !== "text" && flags.logFormat !== "json")
        throw new CliError(`Unknown --log-format '${flags.logFormat}': use text or json.`, EXIT.USAGE);
      const { startEmulator } = await loadEmulator();
      const { host = "127.0.0.1", port = 8181 } = ctx.globals;
      const options = {
        host, port, ...(flags.seed ? { seed: flags.seed } : {}), ...(flags.data ? { dataDir: flags.data } : {}), ...(flags.log ? { log: true } : {}),
        ...(flags.logFormat ? { logFormat: flags.logFormat as "text" | "json" } : {}), ui: flags.ui ? { actions: !!flags.uiActions } : (false as const),
      };
      const emu = await startEmulator(options).catch((error: NodeJS.ErrnoException) => {
        // The emulator's own explanation (listen-error.ts), the same as `accsyn-emulator` prints.
        if (error.code === "EADDRINUSE" || error.code === "EACCES" || error.code === "EADDRNOTAVAIL") throw new CliError(error.message, EXIT.USAGE);
        throw error;
      });
      const { stdout } = process;
      stdout.write(`accsyn emulator listening on ${emu.url} (workspace ${emu.workspace}); Ctrl-C stops it.\n`);
      if (emu.dashboardUrl) stdout.write(`Dashboard: ${emu.dashboardUrl}\n`);
      stdout.write("\nUse it from another shell as:\n");
      for (const user of emu.users) {
        stdout.write(`  ${user.role.padEnd(9)} ACCSYN_WORKSPACE=${emu.workspace} ACCSYN_API_USER=${user.username} ACCSYN_API_KEY=${user.apiKey} accsyn --host ${emu.host} --port ${emu.port} --http whoami\n`);
      }
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await emu.stop();
      stdout.write("accsyn emulator stopped.\n");
    });
  examples(emulator, "accsyn emulator", "accsyn emulator --port 0 --data ./.emulator", "accsyn emulator --log --ui-actions");
}
