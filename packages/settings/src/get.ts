/** `getSetting` and `getSettings`: reading settings. */
import { givenOr, isTruthy, normaliseEntityType, type Session } from "@accsyn/core";
import { assertOptionalString, idPayload, signalOnly, type EntityIdOption } from "./checks.js";

/** Options of `getSetting`. */
export interface GetSettingOptions extends EntityIdOption {
  /** Scope: workspace (default), job, volume, user, queue, … Sent exactly as given (`null` as `null`). */
  entitytype?: string | null;
  /** An integration (ftrack, …) whose setting to read. */
  integration?: string;
  /** Extra data for the look-up (integrations). */
  data?: Record<string, unknown>;
}

/**
 * The value of the setting `name` on a scope (`null` name: the backend's default answer).
 * `getSetting(session, "transfer_speedlimit")` reads the workspace's.
 */
export async function getSetting(session: Session, name?: string | null, options: GetSettingOptions = {}): Promise<unknown> {
  assertOptionalString(name, "the setting name");
  assertOptionalString(options.entitytype, "the entity type (entitytype)");
  assertOptionalString(options.integration, "the integration name");
  const data: Record<string, unknown> = { entitytype: givenOr(options.entitytype, "workspace"), name: name ?? null };
  if (options.integration) data.integration = options.integration;
  data.data = options.data ?? null;
  const answer = await session.request("GET", "setting", { data, ...idPayload(options.entityId) }, signalOnly(options));
  return answer.result ?? null;
}

/** Options of `getSettings`. */
export interface GetSettingsOptions extends EntityIdOption {
  /** Scope: workspace, job, volume, user, queue, … (lowercased; the backend's default when left out). */
  entitytype?: string | null;
  /** Include settings of the share tree beneath (default false; `null` is sent as `null`). */
  recursive?: boolean | null;
  /** Merge inherited/default values (default false; `null` is sent as `null`). */
  upstream?: boolean | null;
  /** Leave out values equal to their default (default true; `null` is sent as `null`). */
  omitDefaults?: boolean | null;
  /** A share id or code some look-ups need. */
  share?: string;
}

/**
 * Every setting of a scope, as an object of name → value; `{}` when none is set (the reference
 * turns an empty or `null` answer into `{}`).
 */
export async function getSettings(session: Session, options: GetSettingsOptions = {}): Promise<Record<string, unknown>> {
  const given = options.entitytype;
  const entitytype = typeof given === "string" && given !== "" ? normaliseEntityType(given) : (given ?? null);
  assertOptionalString(options.share, "the share");
  const data: Record<string, unknown> = {
    entitytype,
    recursive: givenOr(options.recursive, false),
    upstream: givenOr(options.upstream, false),
    omit_defaults: givenOr(options.omitDefaults, true),
  };
  if (options.share) data.share = options.share;
  const answer = await session.request("GET", "setting", { data, ...idPayload(options.entityId) }, signalOnly(options));
  return (isTruthy(answer.result) ? answer.result : {}) as Record<string, unknown>;
}
