/** Reading entities: find, find-one, get, report, metrics, entitytypes, attributes. */
import type { Command } from "@commander-js/extra-typings";
import type { ApiSession, Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { commaList } from "../input.js";
import { parseCount } from "../options.js";
import { expressionStart, withQueryPositions } from "../query-errors.js";
import { entityTypeOf, examples } from "./shared.js";

interface FindFlags {
  attributes?: string[];
  finished?: boolean;
  inactive?: boolean;
  archived?: boolean;
  entityId?: string;
}

type FindOptions = NonNullable<Parameters<ApiSession["find"]>[1]>;
type MetricsOptions = NonNullable<Parameters<ApiSession["metrics"]>[1]>;

/** SDK find options from the flags (only those given). */
function findOptions(flags: FindFlags): FindOptions {
  const options: FindOptions = {};
  if (flags.attributes) options.attributes = flags.attributes;
  if (flags.finished) options.finished = true;
  if (flags.inactive) options.inactive = true;
  if (flags.archived) options.archived = true;
  if (flags.entityId !== undefined) options.entityId = flags.entityId;
  return options;
}

/** The flags of `find`, as commander parses them. */
export interface FindCommandFlags extends FindFlags {
  limit?: number;
  skip?: number;
  all?: boolean;
}

/** Adds the filter flags of `find` and `find-one` to a command (also used by the `accsyn <type> find` alias). */
export function addFindFlags<A extends any[], O extends Record<string, any>, G extends Record<string, any>>(command: Command<A, O, G>) {
  return command
    .option("--attributes <list>", "comma-separated attributes to return", commaList)
    .option("--finished", "include finished jobs")
    .option("--inactive", "include inactive (deactivated) entities")
    .option("--archived", "include archived (deleted) entities")
    .option("--entity-id <id>", "the parent entity id (e.g. the job of tasks)");
}

/** Adds the paging flags of `find` (`--limit`, `--skip`, `--all`). */
export function addPagingFlags<A extends any[], O extends Record<string, any>, G extends Record<string, any>>(command: Command<A, O, G>) {
  return command
    .option("--limit <n>", "at most this many entities", parseCount)
    .option("--skip <n>", "skip this many entities first", parseCount)
    .option("--all", "page through every match (streams with --ndjson)");
}

/**
 * Runs a find and prints the matches (`--all` pages through everything, streaming with `--ndjson`).
 * `typed` is the query as the user typed it (the alias form types only the expression), for the
 * position of a syntax error.
 */
export async function runFind(ctx: Context, query: string, flags: FindCommandFlags, typed = query): Promise<void> {
  const at = typed === query ? expressionStart(query) : 0;
  await withQueryPositions(typed, at, () => findAndPrint(ctx, query, flags));
}

async function findAndPrint(ctx: Context, query: string, flags: FindCommandFlags): Promise<void> {
  const session = await ctx.session();
  const options = findOptions(flags);
  const entitytype = entityTypeOf(query);
  if (flags.all) {
    const rows: unknown[] = [];
    let count = 0;
    for await (const entity of session.iterate(query, { ...options, ...(flags.skip !== undefined ? { skip: flags.skip } : {}) })) {
      if (ctx.out.mode === "ndjson") ctx.out.streamItem(entity);
      else rows.push(entity);
      count += 1;
      if (flags.limit !== undefined && count >= flags.limit) break;
    }
    if (ctx.out.mode !== "ndjson") await ctx.out.result(rows, { entitytype });
    return;
  }
  if (flags.limit !== undefined) options.limit = flags.limit;
  if (flags.skip !== undefined) options.skip = flags.skip;
  await ctx.out.result((await session.find(query, options)) ?? [], { entitytype });
}

/** Fetches one entity by id and prints it; exit 5 when there is none. */
export async function runGet(ctx: Context, type: string, id: string): Promise<void> {
  const entity = await (await ctx.session()).getEntity(type, id);
  if (entity === null || entity === undefined) throw new CliError(`No ${type} with id ${id} was found. List them with: accsyn find ${type}`, EXIT.NOT_FOUND);
  await ctx.out.result(entity, { entitytype: type });
}

/** Registers the entity read commands. */
export function registerEntities(program: Command, ctx: Context): void {
  const find = addPagingFlags(addFindFlags(program.command("find").description("find entities matching a query").argument("<query>", '"<entitytype> [WHERE <expression>]"')))
    .action((query, flags) => runFind(ctx, query, flags));
  examples(find, 'accsyn find user', 'accsyn find "transfer WHERE status=running" --attributes id,code,progress', "accsyn find transfer --finished --all --ndjson");

  const findOne = addFindFlags(program.command("find-one").description("the first entity matching a query (exit 5 when none)").argument("<query>", '"<entitytype> [WHERE <expression>]"'))
    .action(async (query, flags) => {
      const session = await ctx.session();
      const entity = await withQueryPositions(query, expressionStart(query), () => session.findOne(query, findOptions(flags)));
      if (entity === null || entity === undefined) throw new CliError(`Nothing matches "${query}".`, EXIT.NOT_FOUND);
      await ctx.out.result(entity, { entitytype: entityTypeOf(query) });
    });
  examples(findOne, 'accsyn find-one "user WHERE code=admin@acme.test"');

  const get = program.command("get").description("an entity by id (exit 5 when not found)").argument("<type>", "entity type").argument("<id>", "entity id")
    .action((type, id) => runGet(ctx, type, id));
  examples(get, "accsyn get user 6f1c0e4d2a9b8c7d6e5f4a3b", "accsyn get transfer 6f1c0e4d2a9b8c7d6e5f4a3b --json");

  const report = program.command("report").description("the backend's report of an entity (for support)").argument("<query>", '"<entitytype> WHERE id=<id>"')
    .action(async (query) => {
      const session = await ctx.session();
      await ctx.out.result(await withQueryPositions(query, expressionStart(query), () => session.report(query)));
    });
  examples(report, 'accsyn report "transfer WHERE id=6f1c0e4d2a9b8c7d6e5f4a3b"');

  const metrics = program.command("metrics").description("metrics of an entity (a job)").argument("<query>", '"<entitytype> WHERE id=<id>"')
    .option("--attributes <list>", "comma-separated metrics to return", commaList)
    .option("--time <span>", "time span, as the backend understands it")
    .action(async (query, flags) => {
      const options: MetricsOptions = {};
      if (flags.attributes) options.attributes = flags.attributes;
      if (flags.time !== undefined) options.time = flags.time;
      const session = await ctx.session();
      await ctx.out.result(await withQueryPositions(query, expressionStart(query), () => session.metrics(query, options)));
    });
  examples(metrics, 'accsyn metrics "transfer WHERE id=6f1c0e4d2a9b8c7d6e5f4a3b" --attributes speed');

  const entitytypes = program.command("entitytypes").description("the entity types of the workspace")
    .action(async () => {
      await ctx.out.result(await (await ctx.session()).find("entitytypes"));
    });
  examples(entitytypes, "accsyn entitytypes");

  const attributes = program.command("attributes").description("the attributes of an entity type").argument("<type>", "entity type")
    .option("--create", "only attributes that can be set on create")
    .option("--update", "only attributes that can be changed by update")
    .action(async (type, flags) => {
      const options: FindOptions = {};
      if (flags.create) options.create = true;
      if (flags.update) options.update = true;
      await ctx.out.result(await (await ctx.session()).find(`attributes WHERE entitytype=${type}`, options));
    });
  examples(attributes, "accsyn attributes user", "accsyn attributes transfer --create");
}
