/**
 * `@accsyn/settings`: reading and writing settings of the workspace and its entities, and the
 * backend logs, as a plugin for `@accsyn/core` and as standalone functions.
 *
 * ```ts
 * import { Session } from "@accsyn/core";
 * import { settings } from "@accsyn/settings";
 * const SettingsSession = Session.plugin(settings);
 * const session = await SettingsSession.connect();
 * await session.setSetting("workspace", "transfer_speedlimit", "250");
 * ```
 */
import type { Session } from "@accsyn/core";
import { deleteSetting, type DeleteSettingOptions } from "./delete.js";
import type { EffectiveSetting } from "./effective.js";
import { getSetting, getSettings, type GetSettingOptions, type GetSettingsOptions, type SettingValue } from "./get.js";
import { logs, type LogsAnswer, type LogsOptions } from "./logs.js";
import { setSetting, type SetSettingOptions } from "./set.js";

export { getSetting, getSettings, type GetSettingOptions, type GetSettingsOptions, type KnownSettings, type SettingValue } from "./get.js";
export { effectiveSettings, type EffectiveSetting, type EffectiveSettingsOptions, type SettingSource } from "./effective.js";
export { setSetting, type SetSettingOptions } from "./set.js";
export { deleteSetting, type DeleteSettingOptions } from "./delete.js";
export { logs, type LogsAnswer, type LogsOptions } from "./logs.js";
export type { EntityIdOption } from "./checks.js";

/** The methods the `settings` plugin adds to a session. */
export type SettingsMethods = {
  /** The value of a setting (workspace by default); typed for the names of `KnownSettings`. */
  getSetting: {
    <N extends string>(name: N, options?: GetSettingOptions): Promise<SettingValue<N>>;
    (name?: null, options?: GetSettingOptions): Promise<unknown>;
  };
  /** Every setting of a scope; with `withSources: true`, each setting in force and where its value comes from. */
  getSettings: {
    (options: GetSettingsOptions & { withSources: true }): Promise<EffectiveSetting[]>;
    (options?: GetSettingsOptions): Promise<Record<string, unknown>>;
  };
  /** Sets a setting; the value must be a string (JSON-encode objects). */
  setSetting: (entitytype: string, name: string, value: string, options?: SetSettingOptions) => Promise<boolean>;
  /** Deletes a setting. */
  deleteSetting: (entitytype: string, name: string, options?: DeleteSettingOptions) => Promise<boolean>;
  /** The backend's logs of a scope (the whole answer). */
  logs: (options?: LogsOptions) => Promise<LogsAnswer>;
};

/** The settings method group: `Session.plugin(settings)` gives sessions getSetting, getSettings, setSetting, deleteSetting and logs. */
export function settings(session: Session): SettingsMethods {
  return {
    getSetting: ((name?: string | null, options?: GetSettingOptions) => getSetting(session, name as string, options)) as SettingsMethods["getSetting"],
    getSettings: ((options?: GetSettingsOptions) => getSettings(session, options)) as SettingsMethods["getSettings"],
    setSetting: (entitytype, name, value, options) => setSetting(session, entitytype, name, value, options),
    deleteSetting: (entitytype, name, options) => deleteSetting(session, entitytype, name, options),
    logs: (options) => logs(session, options),
  };
}
