/**
 * `update` (one entity), its deprecated alias `updateOne`, and `updateMany` (tasks of a job).
 */
import {
  AccsynValidationError,
  assertEntityId,
  assertNonEmptyString,
  isPlainObject,
  normaliseEntityType,
  warnDeprecated,
  type CallOptions,
  type EntityFor,
  type Session,
  type Task,
} from "@accsyn/core";
import { requestOptions, resultOf, type EntityData } from "./shared.js";

/**
 * Updates an entity: `PUT <type>/edit` with the changed attributes. Resolves with the updated
 * entity (the first of the answer's `result`). ACLs cannot be updated (use `grant`).
 */
export async function update<T extends string>(
  session: Session,
  entitytype: T,
  entityId: string,
  data: EntityData,
  options: CallOptions = {},
): Promise<EntityFor<T>> {
  const type = normaliseEntityType(entitytype);
  if (type === "acl") {
    throw new AccsynValidationError("ACLs cannot be updated, use the grant function to grant access.");
  }
  assertNonEmptyString(entityId, "the id of the entity to update");
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    throw new AccsynValidationError("Invalid data supplied, must be a non-empty object! Pass an object of the attributes to change, e.g. { status: \"paused\" }.");
  }
  const answer = await session.request("PUT", `${type}/edit`, { data, id: entityId }, requestOptions(options));
  const result = resultOf<unknown>(answer);
  return (Array.isArray(result) ? result[0] : result) as EntityFor<T>;
}

/** @deprecated Use {@link update}. */
export function updateOne<T extends string>(
  session: Session,
  entitytype: T,
  entityId: string,
  data: EntityData,
  options: CallOptions = {},
): Promise<EntityFor<T>> {
  warnDeprecated(session.log, "update_one", "The update_one function is deprecated, use the update function instead.");
  return update(session, entitytype, entityId, data, options);
}

/**
 * Updates several tasks of a job: `PUT task/edit` with the list (each item addressed by `id` or
 * `uri`) and the job id. Only `task` is supported. Resolves with the updated tasks.
 */
export async function updateMany(
  session: Session,
  entitytype: string,
  entityId: string,
  data: readonly EntityData[],
  options: CallOptions = {},
): Promise<Task[]> {
  const type = normaliseEntityType(entitytype);
  if (type !== "task") {
    throw new AccsynValidationError(`Only multiple 'task' entities can be updated! Got "${type}"; update other entities one by one with update().`);
  }
  assertEntityId(entityId, "Invalid parent entity ID supplied!");
  if (!Array.isArray(data) || data.length === 0) {
    throw new AccsynValidationError("Invalid data supplied, must be a non-empty list of tasks (each with its id or uri and the attributes to change).");
  }
  return resultOf(await session.request("PUT", "task/edit", { data, id: entityId }, requestOptions(options)));
}
