import { jobScope } from "./find.js";
import type { Ctx } from "../context.js";
import type { TaskInput } from "./job-parent.js";
import { type Entity } from "../util.js";
import { partyOf, partyRef } from "../wire/party.js";

/** The parties (`<kind>:<id>` of source and destination) a task moves files between, as its job's user sees them. */
function pairOf(ctx: Ctx, source: unknown, destination: unknown, user: unknown): string {
  return `${partyRef(partyOf(ctx, source, user))}→${partyRef(partyOf(ctx, destination, user))}`;
}

/**
 * The job `create("Job", {…, append: true})` adds its tasks to: the caller's most recent transfer (live or
 * finished, not archived) between the same source and destination parties — a transfer job has "one unique source
 * and one unique destination party", and scripts should "load a daily sync job for each source-destination pair
 * (create if not exists) and add tasks" (accsyn doc developer/job-specification.md, "Best practices"). Reference
 * tests/test_transfer.py test_append_to_upload: appending another file from the same client to the same volume
 * answers the same, revived job. Paused jobs are not appended to (changelog: "do not append to paused jobs").
 */
export function appendTarget(ctx: Ctx, inputs: TaskInput[]): Entity | undefined {
  const me = ctx.access.caller.user.id;
  const first = inputs[0];
  if (!first) return undefined;
  const wanted = pairOf(ctx, first.source, first.destination, me);
  const now = Date.now();
  const mine = [...ctx.store.all("transfer")].filter((j) => j.user === me && !j._inactive && !["aborted", "paused"].includes(String(j.status)) &&
    jobScope(j, now) !== "archived");
  return mine.reverse().find((j) => {
    const task = ctx.store.tasksOf(j.id)[0];
    return pairOf(ctx, task?.source ?? j.source, task?.destination ?? j.destination, me) === wanted;
  });
}
