/**
 * Entity life cycle: `deactivateOne` (and its deprecated alias `offlineOne`), `activateOne`,
 * `deleteOne` and `deleteMany` (files of a collection).
 */
import {
  AccsynValidationError,
  assertEntityId,
  assertNonEmptyString,
  isEntityId,
  isPlainObject,
  normaliseEntityType,
  toIdCandidate,
  warnDeprecated,
  type CallOptions,
  type Session,
} from "@accsyn/core";
import { requestOptions, resultOf, type EntityData } from "./shared.js";

/**
 * Deactivates an entity (kept for audit and later activation): `DELETE <type>/deactivate`.
 * Resolves with the backend's result (`true`).
 */
export async function deactivateOne(session: Session, entitytype: string, entityId: string, options: CallOptions = {}): Promise<boolean> {
  const type = normaliseEntityType(entitytype);
  assertNonEmptyString(entityId, "the id of the entity to deactivate");
  return resultOf(await session.request("DELETE", `${type}/deactivate`, { data: {}, id: entityId }, requestOptions(options)));
}

/** @deprecated Use {@link deactivateOne}. */
export function offlineOne(session: Session, entitytype: string, entityId: string, options: CallOptions = {}): Promise<boolean> {
  warnDeprecated(session.log, "offline_one", "The offline_one function is deprecated, use the deactivate_one function instead.");
  return deactivateOne(session, entitytype, entityId, options);
}

/**
 * Activates a deactivated entity, by id or by code: the argument is trimmed and lower-cased, then
 * sent as the id (`POST <type>/activate`) when it is one, else as the query. Resolves with the
 * backend's result (`true`).
 */
export async function activateOne(session: Session, entitytype: string, idOrCode: string, options: CallOptions = {}): Promise<boolean> {
  const type = normaliseEntityType(entitytype);
  assertNonEmptyString(idOrCode, "the id or code of the entity to activate");
  const ident = toIdCandidate(idOrCode);
  const target = isEntityId(ident) ? { id: ident } : { query: ident };
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
): Promise<boolean> {
  const type = normaliseEntityType(entitytype);
  if (type === "acl") throw new AccsynValidationError("ACLs cannot be deleted, use the revoke function to revoke access.");
  assertNonEmptyString(entityId, "the id of the entity to delete");
  return resultOf(await session.request("DELETE", `${type}/delete`, { data, id: entityId }, requestOptions(options)));
}

/**
 * Removes files from a collection: `DELETE collection/file/remove` with `{ files: [<file id>, …] }`
 * (the uuids `create("file", …)` answered) and the collection id. Only `collection` is supported.
 * Resolves `true`, or `false` when a file was not in the collection.
 */
export async function deleteMany(
  session: Session,
  entitytype: string,
  entityId: string,
  data: EntityData,
  options: CallOptions = {},
): Promise<boolean> {
  const type = normaliseEntityType(entitytype);
  assertNonEmptyString(entityId, "the collection id");
  assertEntityId(entityId, "Invalid parent entity ID supplied!");
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    throw new AccsynValidationError('Invalid data supplied, must be dict and have content! Pass { files: ["<file id>", …] }.');
  }
  if (type !== "collection") {
    throw new AccsynValidationError(`Unsupported entity type for deletion: ${type}. Only files of a collection can be deleted together.`);
  }
  return resultOf(await session.request("DELETE", "collection/file/remove", { data, id: entityId }, requestOptions(options)));
}
