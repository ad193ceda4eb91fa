/**
 * Effective settings with their source. The backend has no such answer: the values come from
 * `getSettings` reads (`upstream` merges inherited values and defaults, `omit_defaults` drops
 * values equal to their default) and the source is worked out here, client-side.
 */
import type { CallOptions } from "@accsyn/core";
import type { GetSettingsOptions } from "./get.js";

/** Where an effective value comes from: the built-in default, the workspace, the entity itself, or another level it inherits from (a job's queue, a folder's volume). */
export type SettingSource = "default" | "workspace" | "entity" | "inherited";

/** One effective setting of a scope. */
export interface EffectiveSetting {
  /** The setting's name. */
  name: string;
  /** The value in force (settings are strings on the wire). */
  value: unknown;
  /** Where the value comes from. */
  source: SettingSource;
}

/** The scope of {@link effectiveSettings}. */
export interface EffectiveSettingsOptions extends CallOptions {
  /** Scope: workspace (default), queue, job, volume, user, … */
  entitytype?: string;
  /** The entity's id; leave out for the workspace. */
  entityId?: string;
}

/**
 * Every setting in force on a scope, with its source, sorted by name. Reads (GET `setting`):
 * effective values (`upstream`, defaults kept), the values that differ from their default
 * (`upstream`, `omit_defaults`), and for an entity also its own values and the workspace's.
 */
export async function effectiveSettings(read: (scope: GetSettingsOptions) => Promise<Record<string, unknown>>, options: EffectiveSettingsOptions = {}): Promise<EffectiveSetting[]> {
  const entitytype = (options.entitytype ?? "workspace").toLowerCase();
  const scope: GetSettingsOptions = { entitytype, ...(options.entityId ? { entityId: options.entityId } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  const [effective, changed] = await Promise.all([read({ ...scope, upstream: true, omitDefaults: false }), read({ ...scope, upstream: true, omitDefaults: true })]);
  const isWorkspace = entitytype === "workspace";
  const [own, workspace] = isWorkspace
    ? [changed, changed]
    : await Promise.all([read({ ...scope, upstream: false, omitDefaults: true }), read({ entitytype: "workspace", omitDefaults: true, ...(options.signal ? { signal: options.signal } : {}) })]);
  const sourceOf = (name: string, value: unknown): SettingSource => {
    if (!(name in (changed ?? {}))) return "default";
    if (isWorkspace) return "workspace";
    if (own?.[name] === value) return "entity";
    return workspace?.[name] === value ? "workspace" : "inherited";
  };
  return Object.entries(effective ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value, source: sourceOf(name, value) }));
}
