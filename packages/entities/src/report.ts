/**
 * `report` (an internal backend report, for support) and `metrics` (time series of a job).
 */
import { parseQuery, type CallOptions, type Session } from "@accsyn/core";
import { requestOptions, resultOf } from "./shared.js";

/** The event payload of a query on `<type>/<operation>`. */
function queryRequest(query: string, operation: string, data: Record<string, unknown>) {
  const { entitytype, expression } = parseQuery(query);
  return { uri: `${entitytype}/${operation}`, payload: { data, ...(expression === undefined ? {} : { query: expression }) } };
}

/** Resolves with the backend's human-readable report of the entity the query names (support role). */
export async function report(session: Session, query: string, options: CallOptions = {}): Promise<string> {
  const { uri, payload } = queryRequest(query, "report", {});
  const answer = await session.request("GET", uri, payload, requestOptions(options));
  return answer.report as string;
}

/** Options of {@link metrics}. */
export interface MetricsOptions extends CallOptions {
  /** The metrics to return, e.g. `["speed", "progress"]`. */
  attributes?: readonly string[];
  /** The time span, e.g. `"1h"`. */
  time?: string;
}

/** What {@link metrics} resolves with: metric name → value or `[time, value]` series. */
export type Metrics = Record<string, unknown>;

/** Resolves with metrics of the entity (job) the query names: `GET <type>/metrics`. */
export async function metrics(session: Session, query: string, options: MetricsOptions = {}): Promise<Metrics> {
  const data: Record<string, unknown> = { attributes: options.attributes ?? null };
  if (options.time !== undefined && options.time !== null) data.time = options.time;
  const { uri, payload } = queryRequest(query, "metrics", data);
  return resultOf(await session.request("GET", uri, payload, requestOptions(options)));
}
