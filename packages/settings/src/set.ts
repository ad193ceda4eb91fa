/** `setSetting`: writing a setting. */
import { AccsynValidationError, assertNonEmptyString, describe, isTruthy, normaliseEntityType, type Session } from "@accsyn/core";
import { idPayload, signalOnly, type EntityIdOption } from "./checks.js";

/** Options of `setSetting`. */
export type SetSettingOptions = EntityIdOption;

/**
 * Sets the setting `name` of a scope to `value`, which must be a string: JSON-encode objects
 * first (`JSON.stringify(value)`) and write dates as ISO 8601. Resolves `true` when updated
 * (the reference's `bool(result)`: `false` when the answer has none).
 */
export async function setSetting(
  session: Session,
  entitytype: string,
  name: string,
  value: string,
  options: SetSettingOptions = {},
): Promise<boolean> {
  const type = normaliseEntityType(entitytype);
  assertNonEmptyString(name, "the setting name");
  if (typeof value !== "string") {
    throw new AccsynValidationError(
      `Invalid value supplied, must be of string type! Settings are strings: JSON-encode objects and lists ` +
        `(JSON.stringify(value)), write numbers and booleans as text (String(value)) and dates as ISO 8601 ` +
        `(date.toISOString()); got ${describe(value)}.`,
    );
  }
  const answer = await session.request(
    "PUT",
    "setting",
    { data: { entitytype: type, name, value }, ...idPayload(options.entityId) },
    signalOnly(options),
  );
  return isTruthy(answer.result);
}
