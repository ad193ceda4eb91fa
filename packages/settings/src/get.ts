/** `getSetting` and `getSettings`: reading settings. */
import { givenOr, isTruthy, normaliseEntityType, type Session } from "@accsyn/core";
import { assertOptionalString, idPayload, signalOnly, type EntityIdOption } from "./checks.js";
import { effectiveSettings, type EffectiveSetting } from "./effective.js";

/**
 * Settings whose names the accsyn documentation and recorded answers show, with the type of their
 * value (settings are strings on the wire). Add your own by declaration merging:
 * `declare module "@accsyn/settings" { interface KnownSettings { my_setting: string } }`.
 */
export interface KnownSettings {
  /** The maximum bandwidth a transfer may use (docs: settings.md; e.g. "100"). */
  transfer_speedlimit: string;
  /** A share's quota (e.g. "1TB"). */
  quota: string;
}

/** What `getSetting(name)` resolves with: the typed value (or `null`, not set) for a known name, else `unknown`. */
export type SettingValue<N> = N extends keyof KnownSettings ? KnownSettings[N] | null : unknown;

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
export async function getSetting<N extends string>(session: Session, name: N, options?: GetSettingOptions): Promise<SettingValue<N>>;
/** The backend's default answer of a scope's settings (no name). */
export async function getSetting(session: Session, name?: null, options?: GetSettingOptions): Promise<unknown>;
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
  /**
   * Answer each setting in force with where its value comes from (`default`, `workspace`,
   * `entity`, `inherited`) instead of the name → value object. The backend has no such answer:
   * worked out client-side from two to four reads (see `effectiveSettings`); `upstream`,
   * `omitDefaults`, `recursive` and `share` do not apply.
   */
  withSources?: boolean;
}

/** Every setting in force on a scope with its source (`withSources: true`). */
export async function getSettings(session: Session, options: GetSettingsOptions & { withSources: true }): Promise<EffectiveSetting[]>;
/**
 * Every setting of a scope, as an object of name → value; `{}` when none is set (the reference
 * turns an empty or `null` answer into `{}`).
 */
export async function getSettings(session: Session, options?: GetSettingsOptions): Promise<Record<string, unknown>>;
export async function getSettings(session: Session, options: GetSettingsOptions = {}): Promise<Record<string, unknown> | EffectiveSetting[]> {
  if (options.withSources) {
    const { entitytype, entityId, signal } = options;
    return effectiveSettings((scope) => getSettings(session, scope), {
      ...(entitytype ? { entitytype } : {}),
      ...(entityId ? { entityId } : {}),
      ...(signal ? { signal } : {}),
    });
  }
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
