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
import { getSetting, getSettings, type GetSettingOptions, type GetSettingsOptions } from "./get.js";
import { logs, type LogsAnswer, type LogsOptions } from "./logs.js";
import { setSetting, type SetSettingOptions } from "./set.js";

export { getSetting, getSettings, type GetSettingOptions, type GetSettingsOptions } from "./get.js";
export { setSetting, type SetSettingOptions } from "./set.js";
export { deleteSetting, type DeleteSettingOptions } from "./delete.js";
export { logs, type LogsAnswer, type LogsOptions } from "./logs.js";
export type { EntityIdOption } from "./checks.js";

/** The methods the `settings` plugin adds to a session. */
export type SettingsMethods = {
  /** The value of a setting (workspace by default). */
  getSetting: (name?: string | null, options?: GetSettingOptions) => Promise<unknown>;
  /** Every setting of a scope. */
  getSettings: (options?: GetSettingsOptions) => Promise<Record<string, unknown>>;
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
    getSetting: (name, options) => getSetting(session, name, options),
    getSettings: (options) => getSettings(session, options),
    setSetting: (entitytype, name, value, options) => setSetting(session, entitytype, name, value, options),
    deleteSetting: (entitytype, name, options) => deleteSetting(session, entitytype, name, options),
    logs: (options) => logs(session, options),
  };
}
