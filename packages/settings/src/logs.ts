/**
 * `logs`: the backend's disk logs of a scope. Not in the recorded vectors; the wire format is
 * the one inferred in conformance/PROTOCOL.md §8.
 */
import { AccsynValidationError, describe, normaliseEntityType, type Answer, type Session } from "@accsyn/core";
import { assertOptionalCount, assertOptionalString, idPayload, signalOnly, type EntityIdOption } from "./checks.js";

/** Options of `logs`. */
export interface LogsOptions extends EntityIdOption {
  /** Scope: workspace (default), job, user, … */
  entitytype?: string;
  /** Free text that log rows must contain. */
  search?: string;
  /** Sort key (default "date"). */
  sort?: string;
  /** Reverse the order (default false). */
  sortReverse?: boolean;
  /** Page number. */
  page?: number;
  /** Rows per page. */
  limit?: number;
  /** Rows to skip. */
  skip?: number;
}

/** The backend's answer to `logs`: always `result`, possibly more metadata. */
export interface LogsAnswer extends Answer {
  result: unknown;
}

/** Reads backend logs; resolves the whole answer, as the reference client does. */
export async function logs(session: Session, options: LogsOptions = {}): Promise<LogsAnswer> {
  const entitytype = options.entitytype === undefined || options.entitytype === null ? "workspace" : normaliseEntityType(options.entitytype);
  if (options.search !== undefined && options.search !== null && typeof options.search !== "string") {
    throw new AccsynValidationError(`Invalid search supplied, must be a string; got ${describe(options.search)}.`);
  }
  assertOptionalString(options.sort, "the sort key");
  for (const key of ["page", "limit", "skip"] as const) assertOptionalCount(options[key], key);
  const data: Record<string, unknown> = { entitytype };
  if (options.search) data.search = options.search;
  data.sort = options.sort ?? "date";
  data.sort_reverse = Boolean(options.sortReverse);
  for (const key of ["page", "limit", "skip"] as const) {
    const value = options[key];
    if (value !== undefined && value !== null) data[key] = value;
  }
  const answer = await session.request("GET", "logs", { data, ...idPayload(options.entityId) }, signalOnly(options));
  return answer as LogsAnswer;
}
