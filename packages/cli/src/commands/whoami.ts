/** `whoami`: logs in and shows who and where. */
import type { Command } from "@commander-js/extra-typings";
import type { Context } from "../context.js";
import { examples } from "./shared.js";

/** Registers `whoami`. */
export function registerWhoami(program: Command, ctx: Context): void {
  const whoami = program.command("whoami").description("log in and show the user, role, workspace and backend")
    .action(async () => {
      const session = await ctx.session();
      const info = await session.login();
      const endpoint = session.endpoint;
      await ctx.out.result({
        username: session.username,
        role: info.role,
        id: info.id,
        workspace: session.workspace,
        backend: endpoint ? `${endpoint.protocol}://${endpoint.host}:${endpoint.port}` : undefined,
      });
    });
  examples(whoami, "accsyn whoami", "accsyn whoami --json");
}
