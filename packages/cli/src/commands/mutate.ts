/** Changing entities: create (optionally waiting), update, update-many, delete, deactivate, activate. */
import type { Command } from "@commander-js/extra-typings";
import type { ApiSession, Context } from "../context.js";
import { usageError } from "../errors.js";
import { readJsonInput, readJsonList, readJsonObject } from "../input.js";
import { waitForJob } from "./jobs.js";
import { examples, idOf, JOB_TYPES } from "./shared.js";

type CreateOptions = NonNullable<Parameters<ApiSession["create"]>[2]>;
type CreateData = Parameters<ApiSession["create"]>[1];

/** The flags of `create`. */
export interface CreateFlags {
  entityId?: string;
  allowDuplicates?: boolean;
  refuseDuplicates?: boolean;
  replaceDuplicates?: boolean;
  wait?: boolean;
}

/** Adds the flags of `create` (also used by the `accsyn <type> create` alias). */
export function addCreateFlags<A extends any[], O extends Record<string, any>, G extends Record<string, any>>(command: Command<A, O, G>) {
  return command
    .option("--entity-id <id>", "the parent entity id (e.g. the job when adding tasks)")
    .option("--allow-duplicates", "jobs/tasks: a task with the same source and destination as an existing one retries that task (also the backend's default)")
    .option("--refuse-duplicates", "jobs/tasks: fail instead when a task with the same source and destination exists (sends allow_duplicates: false)")
    .option("--replace-duplicates", "jobs/tasks: replace an existing task with the same source and destination")
    .option("--wait", "for a job, wait until it is done and show its progress");
}

/** Creates an entity from JSON input; with `--wait`, waits for the job and prints its final state. */
export async function runCreate(ctx: Context, type: string, input: string, flags: CreateFlags): Promise<void> {
  if (flags.wait && !JOB_TYPES.includes(type.toLowerCase())) throw usageError(`--wait works with jobs (${JOB_TYPES.join(", ")}), not ${type}.`);
  const data = (await readJsonInput(input)) as CreateData;
  const options: CreateOptions = {};
  if (flags.entityId !== undefined) options.entityId = flags.entityId;
  if (flags.allowDuplicates && flags.refuseDuplicates) throw usageError("--allow-duplicates and --refuse-duplicates contradict each other: pick one.");
  if (flags.allowDuplicates) options.allowDuplicates = true;
  if (flags.refuseDuplicates) options.allowDuplicates = false;
  if (flags.replaceDuplicates) options.replaceDuplicates = true;
  const created = await (await ctx.session()).create(type, data, options);
  const id = idOf(created);
  if (!flags.wait || id === undefined) {
    await ctx.out.result(created, { entitytype: type, message: `Created ${type} ${id ?? ""}`.trim() });
    return;
  }
  if (ctx.out.mode === "human") ctx.out.line(`Created ${type} ${id}`);
  const done = await waitForJob(ctx, type, id);
  await ctx.out.result(done, { entitytype: type, message: `The ${type} ${id} is done.` });
}

/** Updates an entity from a JSON object and prints the result. */
export async function runUpdate(ctx: Context, type: string, id: string, input: string): Promise<void> {
  const updated = await (await ctx.session()).update(type, id, await readJsonObject(input));
  await ctx.out.result(updated, { entitytype: type });
}

/** Deletes (archives) an entity; `--force` even with active related entities. */
export async function runDelete(ctx: Context, type: string, id: string, flags: { force?: boolean }): Promise<void> {
  const result = await (await ctx.session()).deleteOne(type, id, flags.force ? { force: true } : undefined);
  await ctx.out.result(result, { message: `Deleted ${type} ${id}` });
}

/** What a job's JSON holds (the backend's job spec), shown under `create --help`. */
const JOB_JSON_HELP = `
A transfer's JSON: one file or folder as "source" and "destination", or several under "tasks":
  {"source": "share=projects/plates/sh010", "destination": "lisa@example.com:/incoming/"}
  {"name": "Plates", "tasks": [{"source": "share=projects/plates/sh010", "destination": "site=studio-b:/plates/"},
                               {"source": "share=projects/plates/sh020", "destination": "site=studio-b:/plates/"}]}
Each end is [<party>:]<path>. Without a party it is the workspace's storage, as an accsyn path
(share=<volume or folder code>/<path>, or a path on the default volume); a party is a user's e-mail (that
user's desktop app or user server), site=<code> (a site's storage) or client=<id>; its path is local to it.
A delivery: {"name": "Trailer v001", "tasks": ["share=projects/edit/trailer_v001.mov"], "recipients": ["lisa@example.com"]}`;

/** Registers the commands that change entities. */
export function registerMutations(program: Command, ctx: Context): void {
  const create = addCreateFlags(program.command("create").description("create an entity from JSON (inline, @file.json or - for stdin)")
    .argument("<type>", "entity type").argument("<data>", "the entity as JSON, @file.json, or - for stdin"))
    .action((type, input, flags) => runCreate(ctx, type, input, flags));
  examples(create,
    `accsyn create transfer '{"source": "share=projects/plates/sh010", "destination": "lisa@example.com:/incoming/"}' --wait`,
    `accsyn create user '{"code": "lisa@example.com", "role": "standard"}'`, "accsyn create transfer @job.json --wait", "cat job.json | accsyn create transfer - --json");
  create.addHelpText("after", JOB_JSON_HELP);

  const update = program.command("update").description("change attributes of an entity").argument("<type>", "entity type").argument("<id>", "entity id")
    .argument("<data>", "the changes as JSON, @file.json, or - for stdin")
    .action((type, id, input) => runUpdate(ctx, type, id, input));
  examples(update, `accsyn update transfer 6f1c0e4d2a9b8c7d6e5f4a3b '{"status": "paused"}'`);

  const updateMany = program.command("update-many").description("change several tasks of a job").argument("<type>", "entity type (task)").argument("<id>", "the job id")
    .argument("<data>", "a JSON list of changes, @file.json, or - for stdin")
    .action(async (type, id, input) => {
      const updated = await (await ctx.session()).updateMany(type, id, await readJsonList(input));
      await ctx.out.result(updated, { entitytype: type });
    });
  examples(updateMany, `accsyn update-many task 6f1c0e4d2a9b8c7d6e5f4a3b '[{"uri": "0", "status": "onhold"}]'`);

  const del = program.command("delete").description("delete (archive) an entity").argument("<type>", "entity type").argument("<id>", "entity id")
    .option("--force", "delete even when active related entities exist")
    .action((type, id, flags) => runDelete(ctx, type, id, flags));
  examples(del, "accsyn delete transfer 6f1c0e4d2a9b8c7d6e5f4a3b", "accsyn delete folder 6f1c0e4d2a9b8c7d6e5f4a3b --force");

  const deactivate = program.command("deactivate").description("deactivate an entity (kept for audit, can be activated again)")
    .argument("<type>", "entity type").argument("<id>", "entity id")
    .action(async (type, id) => {
      const result = await (await ctx.session()).deactivateOne(type, id);
      await ctx.out.result(result, { message: `Deactivated ${type} ${id}` });
    });
  examples(deactivate, "accsyn deactivate user 6f1c0e4d2a9b8c7d6e5f4a3b");

  const activate = program.command("activate").description("activate a deactivated entity").argument("<type>", "entity type").argument("<id>", "entity id or code")
    .action(async (type, idOrCode) => {
      const result = await (await ctx.session()).activateOne(type, idOrCode);
      await ctx.out.result(result, { message: `Activated ${type} ${idOrCode}` });
    });
  examples(activate, "accsyn activate user lisa@example.com");
}
