/**
 * `accsyn watch "<query>"`: follows the entities a query matches — a live table of jobs with
 * progress, speed and ETA on a terminal, one NDJSON event per line otherwise — until Ctrl-C or
 * until `--until done|failed|empty` holds.
 */
import { Option, type Command } from "@commander-js/extra-typings";
import type { ApiSession, Context } from "../context.js";
import { CliError, EXIT, type ExitCode } from "../errors.js";
import { commaList } from "../input.js";
import { parseSeconds } from "../options.js";
import { ndjsonView, tableView, type ViewEvent, type WatchView } from "../output/watch-view.js";
import { entityTypeOf, examples, JOB_TYPES } from "./shared.js";

/** When `--until` ends the watch. */
export type UntilCondition = "done" | "failed" | "empty";

interface WatchFlags {
  interval?: number;
  until?: UntilCondition;
  initial: boolean;
  attributes?: string[];
  finished?: boolean;
  inactive?: boolean;
  archived?: boolean;
  entityId?: string;
}

/** Why a watch ended by itself: the exit code and what to say. */
interface Outcome {
  exitCode: ExitCode;
  message: string;
}

type WatchOptions = NonNullable<Parameters<ApiSession["watch"]>[1]>;

const FAILED = new Set(["failed", "aborted"]);
/** What the live job table shows; polled together so one call per interval keeps it current. */
const TABLE_ATTRIBUTES = ["status", "progress", "speed", "etr", "size", "name", "code"];

function naming(entity: Record<string, unknown>): string {
  const name = entity.name ?? entity.code;
  return `${typeof name === "string" ? `"${name}" ` : ""}(${String(entity.id)})`;
}

/**
 * Tracks `--until`: `failed` holds at the first job that fails or is aborted (exit 6); `done` when
 * every entity seen has status done (at the first failure it ends with exit 6 instead); `empty`
 * when nothing matches the query (checked after each poll).
 */
export class UntilTracker {
  readonly #statuses = new Map<string, string>();

  constructor(readonly condition: UntilCondition | undefined) {}

  /** Records an event; answers the outcome when it ends the watch. */
  event({ kind, entity }: ViewEvent): Outcome | undefined {
    const status = typeof entity.status === "string" ? entity.status : "";
    const id = String(entity.id);
    if (kind === "removed" && status !== "done" && !FAILED.has(status)) this.#statuses.delete(id);
    else this.#statuses.set(id, status);
    if ((this.condition === "failed" || this.condition === "done") && FAILED.has(status)) {
      return { exitCode: EXIT.JOB_FAILED, message: `${naming(entity)} ended with status ${status}.` };
    }
    return undefined;
  }

  /** After a poll: answers the outcome when the condition holds. */
  poll(matching: number): Outcome | undefined {
    if (this.condition === "empty" && matching === 0) return { exitCode: EXIT.OK, message: "Nothing matches the query any more." };
    if (this.condition !== "done" || this.#statuses.size === 0) return undefined;
    const all = [...this.#statuses.values()];
    return all.every((s) => s === "done") ? { exitCode: EXIT.OK, message: `All ${all.length} done.` } : undefined;
  }
}

function watchOptions(flags: WatchFlags, table: boolean, signal: AbortSignal): WatchOptions {
  const options: WatchOptions = { interval: (flags.interval ?? 2) * 1000, initial: flags.initial, signal };
  if (flags.attributes) options.attributes = flags.attributes;
  else if (table) Object.assign(options, { attributes: TABLE_ATTRIBUTES, details: false });
  if (flags.finished) options.finished = true;
  if (flags.inactive) options.inactive = true;
  if (flags.archived) options.archived = true;
  if (flags.entityId !== undefined) options.entityId = flags.entityId;
  return options;
}

/** Runs the watch until Ctrl-C (exit 0) or until `--until` holds (its outcome's exit code). */
export async function runWatch(ctx: Context, query: string, flags: WatchFlags): Promise<void> {
  const session = await ctx.session();
  const stdout = process.stdout;
  const table = stdout.isTTY === true && !ctx.globals.json && !ctx.globals.ndjson;
  const jobs = JOB_TYPES.includes(entityTypeOf(query));
  const controller = new AbortController();
  const until = new UntilTracker(flags.until);
  let outcome: Outcome | undefined;
  const end = (result: Outcome | undefined) => {
    if (result && !outcome) outcome = result;
    if (result) controller.abort();
  };
  const interrupt = () => controller.abort();
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  let view: WatchView | undefined;
  try {
    const options = watchOptions(flags, table && jobs, controller.signal);
    const events = session.watch(query, {
      ...options,
      onPoll: ({ matching }) => {
        view?.poll({ matching });
        end(until.poll(matching));
      },
      onRetry: ({ error }) => view?.poll({ problem: error instanceof Error ? error.message : String(error) }),
    });
    view = table ? tableView(stdout, query, jobs) : ndjsonView(stdout);
    for await (const event of events) {
      const shown = event as unknown as ViewEvent;
      view.event(shown);
      end(until.event(shown));
    }
  } finally {
    view?.close();
    process.removeListener("SIGINT", interrupt);
    process.removeListener("SIGTERM", interrupt);
  }
  if (outcome && outcome.exitCode !== EXIT.OK) throw new CliError(outcome.message, outcome.exitCode);
  if (outcome && table) ctx.note(outcome.message);
  if (!outcome && flags.until) throw new CliError(`Interrupted before --until ${flags.until} held.`, EXIT.ERROR);
}

/** Registers `watch`. */
export function registerWatch(program: Command, ctx: Context): void {
  const watch = program.command("watch").description("follow the entities a query matches: a live table of jobs on a terminal, NDJSON events otherwise")
    .argument("<query>", 'a query, e.g. "Transfer WHERE status=running"')
    .option("--interval <seconds>", "seconds between polls (default 2)", parseSeconds)
    .addOption(new Option("--until <condition>", "stop when every job is done (exit 6 at a failure), at the first failure (exit 6), or when nothing matches").choices(["done", "failed", "empty"] as const))
    .option("--no-initial", "do not report the entities that match at the start")
    .option("--attributes <list>", "comma-separated attributes compared between polls", commaList)
    .option("--finished", "include finished jobs")
    .option("--inactive", "include inactive (deactivated) entities")
    .option("--archived", "include archived (deleted) entities")
    .option("--entity-id <id>", "the parent entity id (e.g. the job of tasks)")
    .action(async (query, flags) => {
      await runWatch(ctx, query, flags);
    });
  examples(
    watch,
    'accsyn watch "Transfer WHERE status=running"',
    'accsyn watch "Transfer WHERE status=running" | jq -c \'select(.kind=="changed") | .entity.progress\'',
    "accsyn watch \"Transfer WHERE id=6f1c0e4d2a9b8c7d6e5f4a3b\" --until done --interval 1",
  );
}
