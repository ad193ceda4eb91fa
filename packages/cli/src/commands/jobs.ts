/** Jobs: `wait <type> <id>` with a live progress display; also used by `create … --wait`. */
import type { Command } from "@commander-js/extra-typings";
import type { Context } from "../context.js";
import { CliError, EXIT, usageError } from "../errors.js";
import { progressDisplay } from "../output/progress.js";
import { examples, JOB_TYPES } from "./shared.js";

const POLL_MS = 500;

/**
 * Waits until the job is done, showing progress on stderr; resolves with the final entity.
 * A failed or aborted job raises a {@link CliError} with exit code 6; a type without a terminal status
 * (anything but a job) is a usage error at once, as it would never finish.
 */
export async function waitForJob(ctx: Context, type: string, id: string): Promise<unknown> {
  if (!JOB_TYPES.includes(type.toLowerCase())) throw usageError(`Only jobs can be waited for (${JOB_TYPES.join(", ")}), not ${type}.`);
  const session = await ctx.session();
  if ((await session.getEntity(type, id)) === null) throw new CliError(`No ${type} with id ${id} was found. List them with: accsyn find ${type} --finished`, EXIT.NOT_FOUND);
  const display = await progressDisplay(`${type} ${id}`, ctx.stderr);
  try {
    return await session.waitFor(type, id, {
      intervalMs: POLL_MS,
      onProgress: (progress) => {
        display.update({ status: progress.status, progress: progress.progress, entity: progress.entity as Record<string, unknown> });
      },
    });
  } catch (error) {
    // An AccsynJobError (checked by its stable code, so the SDK stays lazily loaded).
    const job = error as { code?: unknown; jobStatus?: unknown };
    if (job.code === "ACCSYN_JOB") {
      throw new CliError(`The ${type} ${id} ended with status ${String(job.jobStatus)}. See why with: accsyn logs --scope ${type} --id ${id}`, EXIT.JOB_FAILED);
    }
    throw error;
  } finally {
    display.stop();
  }
}

/** Registers `wait`. */
export function registerJobs(program: Command, ctx: Context): void {
  const wait = program.command("wait").description("wait for a job to finish, showing its progress (exit 6 if it fails or is aborted)")
    .argument("<type>", "job type: transfer, delivery, request, compute, stream or job")
    .argument("<id>", "job id")
    .action(async (type, id) => {
      const job = await waitForJob(ctx, type, id);
      await ctx.out.result(job, { entitytype: type, message: `The ${type} ${id} is done.` });
    });
  examples(wait, "accsyn wait transfer 6f1c0e4d2a9b8c7d6e5f4a3b", "accsyn wait delivery 6f1c0e4d2a9b8c7d6e5f4a3b --json");
}
