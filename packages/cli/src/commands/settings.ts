/** Settings (`settings get|list|set|delete`, scoped with `--scope <type> [--id <id>]`) and `logs`. */
import type { Command } from "@commander-js/extra-typings";
import type { ApiSession, Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { parseCount } from "../options.js";
import { examples } from "./shared.js";

type LogsOptions = NonNullable<Parameters<ApiSession["logs"]>[0]>;

const SCOPE_HELP = "entity type the setting belongs to (default workspace)";

/** `{ name: value }` or a list of settings → rows of `name`, `value`. */
function settingRows(value: unknown): Record<string, unknown>[] | undefined {
  if (Array.isArray(value)) return value as Record<string, unknown>[];
  if (typeof value === "object" && value !== null) return Object.entries(value).map(([name, v]) => ({ name, value: v }));
  return undefined;
}

/** Registers `settings` and `logs`. */
export function registerSettings(program: Command, ctx: Context): void {
  const settings = program.command("settings").description("read and change settings of the workspace or an entity");
  examples(settings, "accsyn settings list", "accsyn settings get default_queue", "accsyn settings set --scope user --id 6f1c… notify_email false");

  const get = settings.command("get").description("one setting's value (exit 5 when it is not set)").argument("<name>", "setting name")
    .option("--scope <type>", SCOPE_HELP).option("--id <id>", "the entity id for --scope")
    .action(async (name, flags) => {
      const value = await (await ctx.session()).getSetting(name, { ...(flags.scope ? { entitytype: flags.scope } : {}), ...(flags.id ? { entityId: flags.id } : {}) });
      if (value === null || value === undefined) throw new CliError(`The setting ${name} is not set${flags.scope ? ` on ${flags.scope}` : ""}.`, EXIT.NOT_FOUND);
      await ctx.out.result(value);
    });
  examples(get, "accsyn settings get default_queue", "accsyn settings get transfer_speedlimit --scope volume --id 6f1c0e4d2a9b8c7d6e5f4a3b");

  const list = settings.command("list").description("every setting of a scope")
    .option("--scope <type>", SCOPE_HELP).option("--id <id>", "the entity id for --scope")
    .action(async (flags) => {
      const all = await (await ctx.session()).getSettings({ ...(flags.scope ? { entitytype: flags.scope } : {}), ...(flags.id ? { entityId: flags.id } : {}) });
      const rows = ctx.out.mode === "human" ? settingRows(all) : undefined;
      await ctx.out.result(rows ?? all, { entitytype: "setting" });
    });
  examples(list, "accsyn settings list", "accsyn settings list --scope user --id 6f1c0e4d2a9b8c7d6e5f4a3b --json");

  const set = settings.command("set").description("change a setting").argument("<name>", "setting name").argument("<value>", "the new value (text)")
    .option("--scope <type>", SCOPE_HELP).option("--id <id>", "the entity id for --scope")
    .action(async (name, value, flags) => {
      const result = await (await ctx.session()).setSetting(flags.scope ?? "workspace", name, value, flags.id ? { entityId: flags.id } : {});
      await ctx.out.result(result, { message: `Set ${name} = ${value}` });
    });
  examples(set, "accsyn settings set default_queue urgent");

  const del = settings.command("delete").description("remove a setting (back to its default)").argument("<name>", "setting name")
    .option("--scope <type>", SCOPE_HELP).option("--id <id>", "the entity id for --scope")
    .action(async (name, flags) => {
      const result = await (await ctx.session()).deleteSetting(flags.scope ?? "workspace", name, flags.id ? { entityId: flags.id } : {});
      await ctx.out.result(result, { message: `Deleted the setting ${name}` });
    });
  examples(del, "accsyn settings delete default_queue");

  const logs = program.command("logs").description("log entries of the workspace or an entity")
    .option("--scope <type>", "entity type (default workspace)").option("--id <id>", "the entity id for --scope")
    .option("--search <text>", "only entries containing this text")
    .option("--limit <n>", "at most this many entries", parseCount)
    .option("--skip <n>", "skip this many entries first", parseCount)
    .action(async (flags) => {
      const options: LogsOptions = {};
      if (flags.scope) options.entitytype = flags.scope;
      if (flags.id) options.entityId = flags.id;
      if (flags.search) options.search = flags.search;
      if (flags.limit !== undefined) options.limit = flags.limit;
      if (flags.skip !== undefined) options.skip = flags.skip;
      const result = await (await ctx.session()).logs(options);
      const entries = ctx.out.mode === "human" && Array.isArray(result.result) ? result.result : result;
      await ctx.out.result(entries, { entitytype: "log" });
    });
  examples(logs, "accsyn logs --limit 20", "accsyn logs --scope transfer --id 6f1c0e4d2a9b8c7d6e5f4a3b --json");
}
