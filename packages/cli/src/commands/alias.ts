/**
 * The official accsyn CLI's form, accepted as an alias: `accsyn <entitytype> <find|get|create|update|delete>`.
 * One hidden command per entity type; its five sub-commands are added only when it is used.
 */
import { Command } from "@commander-js/extra-typings";
import type { Context } from "../context.js";
import { addFindFlags, addPagingFlags, runFind, runGet } from "./entities.js";
import { addCreateFlags, runCreate, runDelete, runUpdate } from "./mutate.js";
import { examples } from "./shared.js";

/** Entity types accepted as the first word of the alias form. */
export const ALIAS_TYPES: readonly string[] = [
  "user", "workspace", "queue", "job", "transfer", "compute", "delivery", "request", "stream", "task",
  "share", "volume", "folder", "home", "collection", "site", "client", "server", "userserver", "app", "acl", "engine",
];

/** `status=running AND code=x` words → `transfer WHERE status=running AND code=x` (or just the type). */
function queryOf(type: string, words: readonly string[]): string {
  const expression = words.join(" ").trim();
  return expression === "" ? type : `${type} WHERE ${expression}`;
}

function populate(command: Command, type: string, ctx: Context): void {
  const find = addPagingFlags(addFindFlags(command.command("find").description(`find ${type} entities`).argument("[expression...]", "a WHERE expression, e.g. status=running")))
    .action((words, flags) => runFind(ctx, queryOf(type, words), flags, words.join(" ").trim()));
  examples(find, `accsyn ${type} find`, `accsyn ${type} find "code=x" --json`);
  const id = "6f1c0e4d2a9b8c7d6e5f4a3b";
  const get = command.command("get").description(`a ${type} by id`).argument("<id>", "entity id").action((entityId) => runGet(ctx, type, entityId));
  examples(get, `accsyn ${type} get ${id}`);
  const create = addCreateFlags(command.command("create").description(`create a ${type}`).argument("<data>", "JSON, @file.json or - for stdin"))
    .action((input, flags) => runCreate(ctx, type, input, flags));
  examples(create, `accsyn ${type} create @${type}.json`);
  const update = command.command("update").description(`change a ${type}`).argument("<id>", "entity id").argument("<data>", "JSON, @file.json or - for stdin")
    .action((entityId, input) => runUpdate(ctx, type, entityId, input));
  examples(update, `accsyn ${type} update ${id} '{"description": "x"}'`);
  const remove = command.command("delete").description(`delete a ${type}`).argument("<id>", "entity id").option("--force", "even with active related entities")
    .action((entityId, flags) => runDelete(ctx, type, entityId, flags));
  examples(remove, `accsyn ${type} delete ${id}`);
}

/** Registers the hidden `accsyn <entitytype> …` commands. */
export function registerAlias(program: Command, ctx: Context): void {
  const populated = new Set<string>();
  for (const type of ALIAS_TYPES) {
    const command = new Command(type).description(`${type}: find|get|create|update|delete (official CLI form)`);
    program.addCommand(examples(command, `accsyn ${type} find`, `accsyn ${type} get 6f1c0e4d2a9b8c7d6e5f4a3b`), { hidden: true });
  }
  program.hook("preSubcommand", (_program, sub) => {
    if (!ALIAS_TYPES.includes(sub.name()) || populated.has(sub.name())) return;
    populated.add(sub.name());
    populate(sub as unknown as Command, sub.name(), ctx);
  });
}
