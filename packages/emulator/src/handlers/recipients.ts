import { JOB_KINDS } from "../model.js";
import { type Entity, fail, isId } from "../util.js";
import { type Ctx, dataObject, findUser } from "../context.js";
import { inviteUser } from "./users.js";

/** A recipient entry of a delivery, request or stream. */
interface Recipient {
  user: string;
  actioned: boolean;
}

function jobOf(ctx: Ctx, write: boolean): Entity {
  const id = ctx.event.id ?? "";
  if (!isId(id)) return fail.bad(`Invalid id '${id}'`);
  const hit = ctx.store.get(id);
  if (!hit || !JOB_KINDS.includes(hit.kind) || !ctx.access.canSee(hit.kind, hit.entity)) return fail.notFound(`Job ${id} not found`);
  if (write && (ctx.access.level === "standard" || !ctx.access.canWrite(hit.kind, hit.entity))) fail.forbidden();
  return hit.entity;
}

/** `job/recipient/add`: adds a user (id or e-mail; unknown e-mails are invited unless `invite: false`). */
export function addRecipient(ctx: Ctx): unknown {
  const job = jobOf(ctx, true);
  const data = dataObject(ctx);
  const ref = data.recipient;
  if (typeof ref !== "string" || ref === "") return fail.bad("Missing 'recipient' (user id or e-mail)");
  const user = findUser(ctx.store, ref) ?? (ref.includes("@") ? inviteUser(ctx, ref, data.invite) : fail.notFound(`User ${ref} not found`));
  const list = (job._recipients as Recipient[] | undefined) ?? [];
  if (!list.some((r) => r.user === user.id)) ctx.store.update(job.id, { _recipients: [...list, { user: user.id, actioned: false }] }, ctx.access.caller.user.id);
  return true;
}

/** `job/recipients`: `[{actioned, user, user_hr}]` with `user_hr` the e-mail. */
export function listRecipients(ctx: Ctx): unknown {
  const job = jobOf(ctx, false);
  return ((job._recipients as Recipient[] | undefined) ?? []).map((r) => ({
    actioned: r.actioned, user: r.user, user_hr: String(ctx.store.get(r.user)?.entity.code ?? r.user),
  }));
}

/** `job/recipient` (DELETE): removes a recipient. */
export function removeRecipient(ctx: Ctx): unknown {
  const job = jobOf(ctx, true);
  const ref = dataObject(ctx).recipient;
  const user = findUser(ctx.store, ref);
  const list = (job._recipients as Recipient[] | undefined) ?? [];
  if (!user || !list.some((r) => r.user === user.id)) return fail.notFound(`User ${String(ref)} is not a recipient of ${job.id}`);
  ctx.store.update(job.id, { _recipients: list.filter((r) => r.user !== user.id) }, ctx.access.caller.user.id);
  return true;
}
