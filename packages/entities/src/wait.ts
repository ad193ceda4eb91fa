/**
 * `waitFor`: polls a job until it reaches a wanted status (beyond the Python client).
 *
 * It polls one entity by id (`getEntity` answers it in any state, finished included) rather than
 * running a `watch`: a watch follows a query's match set, which a finished job leaves, so waiting
 * on it would need a second look-up by id anyway. Both retry transient failures (no connection, a
 * timeout, 408/429/5xx, a proxy's error page) with the one policy of `retry.ts`: one blip during a
 * two-hour transfer does not end the wait.
 */
import {
  AccsynAbortError,
  AccsynApiError,
  AccsynJobError,
  AccsynNetworkError,
  AccsynNotFoundError,
  AccsynValidationError,
  describe,
  type CallOptions,
  type EntityFor,
  type Session,
} from "@accsyn/core";
import { getEntity } from "./get.js";
import { pause, PollFailures, type PollRetry } from "./retry.js";

/** What {@link WaitForOptions.onProgress} receives on every poll. */
export interface WaitProgress<E> {
  status: string | undefined;
  /** The job's `progress` (0–100), when it has one. */
  progress: number | undefined;
  entity: E;
}

/** Options of {@link waitFor}. */
export interface WaitForOptions<E> extends CallOptions {
  /** Statuses that end the wait successfully (default `["done"]`). */
  until?: readonly string[];
  /** Statuses that reject the wait (default `["failed", "aborted"]`). */
  failOn?: readonly string[];
  /** Time between polls in ms (default 1000). */
  intervalMs?: number;
  /** Give up after this many ms (default: never). */
  timeoutMs?: number;
  /** Longest wait between attempts while polls fail with transient errors (default 30000). */
  maxIntervalMs?: number;
  /** Called when a poll failed with a transient error, before waiting to retry (as `watch`'s `onRetry`). */
  onRetry?: (retry: PollRetry) => void;
  /** Called after every poll. */
  onProgress?: (progress: WaitProgress<E>) => void;
}

function aborted(): AccsynAbortError {
  return new AccsynAbortError("Waiting was cancelled through its AbortSignal.", { networkCode: "ABORTED" });
}

function checkDuration(value: number | undefined, name: string, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new AccsynValidationError(`Invalid ${name} ${describe(value)}: use a non-negative number of milliseconds.`);
  }
  return value;
}

/** The error for an id the workspace does not know. */
function notFound(entitytype: string, id: string, backendMessage?: string): AccsynNotFoundError {
  return new AccsynNotFoundError(
    `Cannot wait for ${naming(entitytype, id, null)}: it was not found. Check the id, and that your user may see it.`,
    { uri: `${entitytype}/find`, entityType: entitytype, entityId: id, ...(backendMessage === undefined ? {} : { backendMessage, status: 404 }) },
  );
}

/** `<type> <name> (<id>)` for messages. */
function naming(entitytype: string, id: string, entity: Record<string, unknown> | null): string {
  const name = entity?.name ?? entity?.code;
  return `${entitytype} ${typeof name === "string" && name ? `"${name}" ` : ""}(${id})`;
}

/**
 * Polls `getEntity(entitytype, id)` until the entity's status is in `until`, then resolves with
 * it. A poll that fails with a transient error (network, 408, 429, 5xx) is retried with back-off
 * as in `watch` (`onRetry`, `maxIntervalMs`). Rejects with an {@link AccsynJobError} naming the
 * job when its status is in `failOn`, with an {@link AccsynNotFoundError} when the id is unknown
 * (no entity, or the backend answers 404), with an {@link AccsynNetworkError} (`networkCode`
 * `ETIMEDOUT`) after `timeoutMs`, with any other failure at once, and with an
 * {@link AccsynAbortError} as soon as `signal` aborts. Both first errors are `AccsynApiError`s.
 */
export async function waitFor<T extends string>(
  session: Session,
  entitytype: T,
  id: string,
  options: WaitForOptions<EntityFor<T>> = {},
): Promise<EntityFor<T>> {
  const until = options.until ?? ["done"];
  const failOn = options.failOn ?? ["failed", "aborted"];
  const intervalMs = checkDuration(options.intervalMs, "intervalMs", 1000) ?? 1000;
  const timeoutMs = checkDuration(options.timeoutMs, "timeoutMs", undefined);
  const cap = Math.max(intervalMs, checkDuration(options.maxIntervalMs, "maxIntervalMs", 30_000) ?? 30_000);
  const { signal } = options;
  const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
  const failures = new PollFailures({ session, label: `waitFor ${entitytype} (${id})`, interval: intervalMs, cap, onRetry: options.onRetry });
  let last: { entity: EntityFor<T> | null; failure?: Error } = { entity: null };
  for (;;) {
    if (signal?.aborted) throw aborted();
    let delay = intervalMs;
    const poll = await getEntity(session, entitytype, id, signal ? { signal } : {}).then(
      (entity) => ({ entity }),
      (error: unknown) => ({ error }),
    );
    if ("error" in poll) {
      if (signal?.aborted) throw aborted();
      if (poll.error instanceof AccsynApiError && poll.error.status === 404) throw notFound(entitytype, id, poll.error.message);
      delay = failures.failed(poll.error);
      last = { entity: last.entity, failure: poll.error as Error };
    } else {
      failures.succeeded();
      if (poll.entity === null) throw notFound(entitytype, id);
      last = { entity: poll.entity };
      if (finished(entitytype, id, poll.entity, { until, failOn }, options.onProgress)) return poll.entity;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const where = last.failure ? `the last poll failed: ${last.failure.message}` : `its status is ${statusOf(last.entity) ?? "unknown"}.`;
      throw new AccsynNetworkError(
        `Timed out after ${timeoutMs} ms waiting for the ${naming(entitytype, id, last.entity)} to reach ${until.join("/")}; ${where}`,
        { networkCode: "ETIMEDOUT" },
      );
    }
    await pause(Math.min(delay, remaining), signal);
  }
}

function statusOf(entity: Record<string, unknown> | null): string | undefined {
  return typeof entity?.status === "string" ? entity.status : undefined;
}

/** Reports one poll; true when the entity reached `until`, throws an {@link AccsynJobError} when it reached `failOn`. */
function finished<E extends Record<string, unknown>>(
  entitytype: string,
  id: string,
  entity: E,
  { until, failOn }: { until: readonly string[]; failOn: readonly string[] },
  onProgress: ((progress: WaitProgress<E>) => void) | undefined,
): boolean {
  const status = statusOf(entity);
  onProgress?.({ status, progress: typeof entity.progress === "number" ? entity.progress : undefined, entity });
  if (status !== undefined && until.includes(status)) return true;
  if (status !== undefined && failOn.includes(status)) {
    throw new AccsynJobError(`The ${naming(entitytype, id, entity)} ended with status ${status}.`, { uri: `${entitytype}/find`, jobId: id, jobStatus: status });
  }
  return false;
}
