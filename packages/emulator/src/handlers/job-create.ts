import { JOB_SETTABLE, type Kind } from "../model.js";
import { fail, wireDate } from "../util.js";
import { measureJob } from "../jobs/size.js";
import { type Ctx, findUser } from "../context.js";
import { optString } from "./codes.js";
import { appendTarget } from "./job-append.js";
import { jobParent, tasksBeneath } from "./job-parent.js";
import { metadataOf, mirrorOf, priorityOf, queueOf, settingsOf, storeJobSettings } from "../jobs/spec.js";
import { addTasks, same, taskList, validateEnds } from "./jobs.js";
import { destinationOf, normalizeEnd } from "./mirror.js";
import { present } from "./output.js";

/**
 * The owner of a new job: the caller, or `user` (id or e-mail) when an administrator creates it on behalf of
 * another user. An unknown user is refused (never a job that no one owns); a non-administrator naming
 * someone else is refused (HTTP 403).
 */
function ownerOf(ctx: Ctx, user: unknown): string {
  const me = ctx.access.caller.user.id;
  if (user === undefined || user === null) return me;
  const owner = findUser(ctx.store, user) ?? fail.bad(`Unknown user ${JSON.stringify(user)} in 'user': give the id or e-mail of a user of the workspace`);
  if (owner.id !== me && ctx.access.level !== "admin") fail.forbidden("Only administrators create a job owned by another user ('user')");
  return owner.id;
}

/** Creates a job of `kind` (transfer, compute, delivery, request, stream). */
export function createJob(ctx: Ctx, kind: Kind, data: Record<string, unknown>): Record<string, unknown> {
  const given = data.tasks !== undefined ? taskList(data.tasks, kind !== "compute")
    : data.source !== undefined ? taskList([{ source: data.source, destination: data.destination ?? null }]) : [];
  const queue = queueOf(ctx.store, data.queue);
  const parent = data.parent === undefined && queue ? { id: queue.id } : jobParent(ctx, data);
  const beneath = tasksBeneath(ctx, parent, given, data.destination);
  // Transfers: `~`, workspace-code prefixes, party-only and missing destinations (mirrored paths), the job's destination for tasks without one.
  const transfer = kind === "transfer" && parent.kind !== "delivery" && parent.kind !== "request";
  const inputs = !transfer ? beneath : beneath.map((t) => t._group === true ? t : ({ ...t, source: normalizeEnd(ctx, t.source),
    destination: destinationOf(ctx, normalizeEnd(ctx, t.source), t.destination ?? data.destination) }));
  const temporary = kind === "delivery" || kind === "request";
  const target = data.append === true && kind === "transfer" ? appendTarget(ctx, inputs) : undefined;
  if (target) {
    // Appended to: the job is revived (a finished or failed one waits for its client again).
    addTasks(ctx, target, inputs, {});
    if (target.status === "done" || target.status === "failed") ctx.store.update(target.id, { status: "waiting", finished: null, progress: 0 });
    return present(ctx, target, undefined, "create");
  }
  if (inputs.length === 0 && !temporary && kind !== "stream" && kind !== "compute" && data.code === undefined && data.name === undefined)
    fail.bad("A job needs 'tasks' or a 'source'");
  const requested = optString(data, "status");
  if (requested !== undefined && requested !== "init" && !JOB_SETTABLE.includes(requested)) fail.bad(`Invalid status '${requested}' for a new job`);
  // A delivery created from existing files with recipients "will be submitted" at once (reference doc/deliveries.rst "Create from existing files").
  const submitAtOnce = kind === "delivery" && requested === undefined && inputs.length > 0 && Array.isArray(data.recipients) && data.recipients.length > 0;
  const status = submitAtOnce ? "pending" : requested === undefined || requested === "waiting" ? "init" : requested;
  const start = requested === "waiting" || (requested === undefined && ctx.state.autoStart);
  if (kind === "transfer") validateEnds(ctx, inputs);
  if (data.allow_duplicates === false) {
    for (const t of ctx.store.all("task")) {
      const j = typeof t.job === "string" ? ctx.store.get(t.job)?.entity : undefined;
      if (j && j.user === ctx.access.caller.user.id && j.status !== "done" && j.status !== "aborted" && inputs.some((i) => same(t, i.source, i.destination)))
        fail.conflict(`Duplicate task: '${String(t.source)}' is already in job ${j.id}`);
    }
  }
  const first = typeof inputs[0]?.source === "string" ? (inputs[0].source.split(/[\\/=]/).pop() ?? "") : "";
  const name = optString(data, "name") ?? (typeof data.code === "string" ? data.code : first || kind);
  const { tasks: _t, source: _s, destination: _d, allow_duplicates: _a, replace_duplicates: _r, status: _st, append: _ap, recipients,
    settings: _se, mirror: _m, mirror_paths: _mp, queue: _q, priority: _p, metadata: _md, user: _u, ...rest } = data;
  const settings = settingsOf(data.settings, "job");
  const mirror = mirrorOf(data);
  const me = ownerOf(ctx, data.user);
  const recips = Array.isArray(recipients) ? recipients.map((r) => findUser(ctx.store, r)?.id).filter((x): x is string => !!x) : [];
  if (data.public !== undefined && typeof data.public !== "boolean") fail.bad("'public' must be true or false");
  const job = ctx.store.insert(kind, {
    name, status, progress: 0, size: 0, speed: -1, etr: null, finished: null, description: "",
    priority: priorityOf(data.priority, "job"), metadata: metadataOf(data.metadata, "job"), ...(queue ? { queue: queue.id } : {}),
    // Deliveries and requests carry `public` (reference tests/test_delivery.py test_read_temp_delivery_as_admin;
    // accsyn doc delivery/index.md "Public link"): false unless created public.
    ...(temporary ? { public: false } : {}),
    source: inputs[0]?.source ?? null, destination: inputs[0]?.destination ?? data.destination ?? null, user: me, ...rest,
    code: typeof data.code === "string" ? data.code : name, parent: parent.id,
    ...(temporary ? { expires: wireDate(new Date(Date.now() + 8 * 3600_000)) } : {}),
    _parties: [me], _recipients: recips.map((user) => ({ user, actioned: false })), _start: (kind === "transfer" || kind === "compute") && start,
    ...(typeof data.destination === "string" ? { _destination: normalizeEnd(ctx, data.destination) } : {}), ...(mirror ? { _mirror: true } : {}),
  }, me);
  storeJobSettings(ctx, job, settings);
  const tasks = addTasks(ctx, job, inputs, {});
  // A placeholder job — only excluded tasks — "will immediately be set to done" (job-specification.md "Placeholder
  // jobs"; changelog: "Have jobs with only excluded tasks left finish up successfully").
  if (tasks.length > 0 && tasks.every((t) => t.status === "excluded"))
    ctx.store.update(job.id, { status: "done", progress: 100, finished: wireDate(), _start: false });
  if (kind === "transfer" && status === "paused") measureJob(ctx, job);
  return present(ctx, job, undefined, "create");
}
