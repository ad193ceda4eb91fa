/** `emulator`: runs `@accsyn/emulator` in the foreground until Ctrl-C. */
import type { Command } from "@commander-js/extra-typings";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { examples } from "./shared.js";

/**
 * Loads `@accsyn/emulator`, an optional dependency (it builds a native SQLite module), with a
 * clear way forward when it is not installed.
 */
async function loadEmulator(): Promise<typeof import("@accsyn/emulator")> {
  try {
    return await import("@accsyn/emulator");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new CliError("The emulator is not installed: run `npm install -g @accsyn/emulator` (it needs a C++ toolchain if no prebuilt SQLite fits), then retry.", EXIT.USAGE);
    }
    throw error;
  }
}

/** Registers `emulator`. */
export function registerEmulator(program: Command, ctx: Context): void {
  const emulator = program.command("emulator").description("run a local accsyn emulator in the foreground (uses --host and --port; default 127.0.0.1:8181)")
    .option("--seed <file>", "a seed JSON file (default: the demo seed, workspace acme)")
    .option("--data <dir>", "keep state in this directory across restarts (default: in memory)")
    .action(async (flags) => {
      const { startEmulator } = await loadEmulator();
      const { host = "127.0.0.1", port = 8181 } = ctx.globals;
      const options = { host, port, ...(flags.seed ? { seed: flags.seed } : {}), ...(flags.data ? { dataDir: flags.data } : {}) };
      const emu = await startEmulator(options).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "EADDRINUSE") throw new CliError(`Port ${port} on ${host} is already in use: stop what listens there, or pass --port 0 for a free port.`, EXIT.USAGE);
        throw error;
      });
      const { stdout } = process;
      stdout.write(`accsyn emulator listening on ${emu.url} (workspace ${emu.workspace}); Ctrl-C stops it.\n\nUse it from another shell as:\n`);
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
  examples(emulator, "accsyn emulator", "accsyn emulator --port 0 --data ./.emulator");
}
