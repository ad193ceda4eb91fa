/** Assignments: servers of volumes, recipients of deliveries (assign, deassign, assignments). */
import type { Command } from "@commander-js/extra-typings";
import type { Context } from "../context.js";
import { readJsonObject } from "../input.js";
import { examples } from "./shared.js";

/** Registers `assign`, `deassign` and `assignments`. */
export function registerAssign(program: Command, ctx: Context): void {
  const assign = program.command("assign").description("assign an entity to another (a server to a volume, a user to a delivery or share)")
    .argument("<parent-type>", "volume, delivery, folder, …").argument("<type>", "server, user, …")
    .argument("<data>", "JSON, @file.json or -: the ids, e.g. {\"volume\": \"<id>\", \"server\": \"<id>\"}")
    .action(async (parentType, type, input) => {
      const result = await (await ctx.session()).assign(parentType, type, await readJsonObject(input));
      await ctx.out.result(result, { message: `Assigned ${type} to ${parentType}` });
    });
  examples(assign, `accsyn assign volume server '{"volume": "6f1c…", "server": "6f1d…"}'`);

  const deassign = program.command("deassign").description("remove an assignment").argument("<parent-type>", "volume, delivery, …").argument("<type>", "server, user, …")
    .argument("<data>", "JSON, @file.json or -: the ids")
    .action(async (parentType, type, input) => {
      const result = await (await ctx.session()).deassign(parentType, type, await readJsonObject(input));
      await ctx.out.result(result, { message: `Removed ${type} from ${parentType}` });
    });
  examples(deassign, `accsyn deassign volume server '{"volume": "6f1c…", "server": "6f1d…"}'`);

  const assignments = program.command("assignments").description("the servers assigned to a volume").argument("<type>", "volume").argument("<id>", "volume id")
    .action(async (type, id) => {
      await ctx.out.result(await (await ctx.session()).assignments(type, id), { entitytype: "client" });
    });
  examples(assignments, "accsyn assignments volume 6f1c0e4d2a9b8c7d6e5f4a3b");
}
