/**
 * Assignments: servers to volumes, users to deliveries, users to shares (through an ACL).
 */
import {
  AccsynValidationError,
  assertEntityId,
  assertNonEmptyString,
  isPlainObject,
  normaliseEntityType,
  type CallOptions,
  type Session,
} from "@accsyn/core";
import { requestOptions, resultOf, type EntityData } from "./shared.js";

/**
 * Assignment data: the parent's id under the parent type and the assigned entity's id under its
 * type, e.g. `{ volume: "<id>", server: "<id>" }`; for users on shares also `read`, `write`,
 * `notify` (default `true`) and `message` (default `""`).
 */
export type AssignmentData = EntityData;

const UNSUPPORTED = "Unsupported assignment operation!";
const SHARE_TYPES = new Set(["volume", "folder", "home", "collection"]);

/** The id stored under `key` in the assignment data, checked. */
function idFrom(data: unknown, key: string): string {
  const value = isPlainObject(data) ? data[key] : undefined;
  assertEntityId(value, `Please supply entity ID as '${key}' with assignment data!`);
  return value;
}

/** Throws the reference's error for a pair that cannot be (de)assigned, naming the supported ones. */
function unsupported(parent: string, child: string, supported: string): never {
  throw new AccsynValidationError(`${UNSUPPORTED} Cannot handle ${child} on ${parent}; supported: ${supported}.`);
}

/**
 * Assigns an entity to another: a server to a volume (`PUT share/server`), a user to a delivery
 * (`PUT job/recipient/add`) or a user to a volume/folder/home/collection (`POST acl/create`).
 * Resolves with the backend's result.
 */
export async function assign(
  session: Session,
  parentType: string,
  entitytype: string,
  data: AssignmentData,
  options: CallOptions = {},
): Promise<unknown> {
  const parent = normaliseEntityType(parentType, "the parent entity type");
  const child = normaliseEntityType(entitytype);
  const call = requestOptions(options);
  if (parent === "volume" && child === "server") {
    const server = idFrom(data, "server");
    const volume = idFrom(data, "volume");
    return resultOf(await session.request("PUT", "share/server", { data: { client: server }, id: volume }, call));
  }
  if (parent === "delivery" && child === "user") {
    const user = idFrom(data, "user");
    const delivery = idFrom(data, "delivery");
    return resultOf(await session.request("PUT", "job/recipient/add", { data: { recipient: user }, id: delivery }, call));
  }
  if (SHARE_TYPES.has(parent) && child === "user") {
    const user = idFrom(data, "user");
    const share = idFrom(data, parent);
    const acl = {
      entity: `user:${user}`,
      target: `share:${share}`,
      read: data.read ?? true,
      write: data.write ?? true,
      notify: data.notify ?? true,
      message: data.message ?? "",
    };
    return resultOf(await session.request("POST", "acl/create", { data: acl }, call));
  }
  return unsupported(parent, child, "server on volume, user on delivery, user on volume/folder/home/collection");
}

/**
 * Lists what is assigned to an entity: the servers of a volume (`GET <type>/servers`, the type
 * sent as given). Resolves with the list.
 */
export async function assignments(session: Session, entitytype: string, entityId: string, options: CallOptions = {}): Promise<unknown[]> {
  assertNonEmptyString(entitytype, "the entity type");
  const type = entitytype.trim().toLowerCase();
  if (type !== "volume" && type !== "share") unsupported(type, "assignments", "volume");
  assertNonEmptyString(entityId, "the volume id");
  return resultOf(await session.request("GET", `${entitytype}/servers`, { data: {}, id: entityId }, requestOptions(options)));
}

/** Removes a server from a volume: `DELETE volume/server`. Resolves with the backend's result. */
export async function deassign(
  session: Session,
  parentType: string,
  entitytype: string,
  data: AssignmentData,
  options: CallOptions = {},
): Promise<unknown> {
  const parent = normaliseEntityType(parentType, "the parent entity type");
  const child = normaliseEntityType(entitytype);
  if (parent !== "volume" || child !== "server") unsupported(parent, child, "server from volume");
  const server = idFrom(data, "server");
  const volume = idFrom(data, "volume");
  return resultOf(await session.request("DELETE", "volume/server", { data: { client: server }, id: volume }, requestOptions(options)));
}
