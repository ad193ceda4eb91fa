/**
 * `getEntity`: one entity by type and id, whatever its state (finished, inactive, archived).
 */
import { assertEntityId, assertNonEmptyString, type CallOptions, type EntityFor, type Session } from "@accsyn/core";
import { firstOf, requestOptions, resultOf } from "./shared.js";

/**
 * Fetches an entity by id: `GET <entitytype>/find` with the id (the type is sent as given, not
 * lowercased). Resolves with the entity, or `null` when there is none.
 */
export async function getEntity<T extends string>(
  session: Session,
  entitytype: T,
  entityId: string,
  options: CallOptions = {},
): Promise<EntityFor<T> | null> {
  assertNonEmptyString(entitytype, "the entity type");
  assertEntityId(entityId, "Invalid entity ID supplied!");
  const answer = await session.request("GET", `${entitytype}/find`, { data: {}, id: entityId }, requestOptions(options));
  return firstOf<EntityFor<T>>(session, resultOf(answer));
}
