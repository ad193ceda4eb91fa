/**
 * Entity life cycle: `deactivateOne` (and its deprecated alias `offlineOne`), `activateOne`,
 * `deleteOne` and `deleteMany` (files of a collection).
 */
import {
  AccsynValidationError,
  assertEntityId,
  assertNonEmptyString,
  isEntityId,
  normaliseEntityType,
  warnDeprecated,
  type CallOptions,
  type Session,
} from "@accsyn/core";
import { requestOptions, resultOf, type EntityData } from "./shared.js";

/**
 * Deactivates an entity (kept for audit and later activation): `DELETE <type>/deactivate`.
 * Resolves with the backend's result (`true`).
 */
export async function deactivateOne(session: Session, entitytype: string, entityId: string, options: CallOptions = {}): Promise<unknown> {
  const type = normaliseEntityType(entitytype);
  assertNonEmptyString(entityId, "the id of the entity to deactivate");
  return resultOf(await session.request("DELETE", `${type}/deactivate`, { data: {}, id: entityId }, requestOptions(options)));
}

/** @deprecated Use {@link deactivateOne}. */
export function offlineOne(session: Session, entitytype: string, entityId: string, options: CallOptions = {}): Promise<unknown> {
  warnDeprecated(session.log, "offline_one", "The offline_one function is deprecated, use the deactivate_one function instead.");
  return deactivateOne(session, entitytype, entityId, options);
}

/**
 * Activates a deactivated entity, by id or by code: `POST <type>/activate` with the id, or with
 * the lowercased code as query. Resolves with the backend's result (`true`).
 */
export async function activateOne(session: Session, entitytype: string, idOrCode: string, options: CallOptions = {}): Promise<unknown> {
  const type = normaliseEntityType(entitytype);
  assertNonEmptyString(idOrCode, "the id or code of the entity to activate");
  const target = isEntityId(idOrCode) ? { id: idOrCode } : { query: (idOrCode as string).toLowerCase() };
  return resultOf(await session.request("POST", `${type}/activate`, { data: {}, ...target }, requestOptions(options)));
}

/**
 * Deletes (archives) an entity: `DELETE <type>/delete`, with optional options such as
 * `{ force: true }`. ACLs cannot be deleted (use `revoke`). Resolves with the result (`true`).
 */
export async function deleteOne(
  session: Session,
  entitytype: string,
  entityId: string,
  data?: EntityData,
  options: CallOptions = {},
): Promise<unknown> {
  const type = normaliseEntityType(entitytype);
  if (type === "acl") throw new AccsynValidationError("ACLs cannot be deleted, use the revoke function to revoke access.");
  assertNonEmptyString(entityId, "the id of the entity to delete");
  return resultOf(await session.request("DELETE", `${type}/delete`, { data, id: entityId }, requestOptions(options)));
}

/**
 * Removes files from a collection: `DELETE collection/file/remove` with `{ files: [...] }` and the
 * collection id. Only `collection` is supported. Resolves with the backend's result.
 */
export async function deleteMany(
  session: Session,
  entitytype: string,
  entityId: string,
  data: EntityData,
  options: CallOptions = {},
): Promise<unknown> {
  const type = normaliseEntityType(entitytype);
  if (type !== "collection") {
    throw new AccsynValidationError(`Unsupported entity type for deletion: ${type}. Only files of a collection can be deleted together.`);
  }
  assertEntityId(entityId, "Invalid parent entity ID supplied!");
  return resultOf(await session.request("DELETE", "collection/file/remove", { data, id: entityId }, requestOptions(options)));
}
