/** `deleteSetting`: removing a setting. */
import { assertNonEmptyString, isTruthy, normaliseEntityType, type Session } from "@accsyn/core";
import { idPayload, signalOnly, type EntityIdOption } from "./checks.js";

/** Options of `deleteSetting`. */
export type DeleteSettingOptions = EntityIdOption;

/** Deletes the setting `name` of a scope; resolves `true` when deleted (the reference's `bool(result)`: `false` when the answer has none). */
export async function deleteSetting(
  session: Session,
  entitytype: string,
  name: string,
  options: DeleteSettingOptions = {},
): Promise<boolean> {
  const type = normaliseEntityType(entitytype);
  assertNonEmptyString(name, "the setting name");
  const answer = await session.request(
    "DELETE",
    "setting",
    { data: { entitytype: type, name }, ...idPayload(options.entityId) },
    signalOnly(options),
  );
  return isTruthy(answer.result);
}
