/**
 * Assignments: servers to volumes, users to deliveries, users to shares (through an ACL) — with
 * the entity and key names the reference accepts.
 */
import {
  AccsynValidationError,
  assertNonEmptyString,
  givenOr,
  isEntityId,
  isPlainObject,
  normaliseEntityType,
  type Acl,
  type CallOptions,
  type Client,
  type Session,
} from "@accsyn/core";
import { requestOptions, resultOf, type EntityData } from "./shared.js";

/**
 * Assignment data: the ids of the two entities, e.g. `{ volume: "<id>", server: "<id>" }` (also
 * `share` for `volume` and `client` for `server`), `{ delivery, user }`, or for users on a
 * volume/folder/home/collection `{ volume: "<share id>", user }` — the share's id always goes
 * under `volume` — plus `read`, `write`, `notify` (default `true`) and `message` (default `""`).
 */
export type AssignmentData = EntityData;

/** What {@link assign} resolves: `true` (servers, delivery users), or the `acl/create` list for share users. */
export type AssignResult = boolean | Array<Acl | true>;

const UNSUPPORTED = "Unsupported assignment operation!";
const SHARE_PARENTS = new Set(["volume", "folder", "home", "collection"]);

/** The value under the first of `keys` that is present (Python's `data.get(a, data.get(b))`). */
function pick(data: EntityData, ...keys: string[]): unknown {
  for (const key of keys) if (data[key] !== undefined) return data[key];
  return undefined;
}

/** Checks an id read from the assignment data; `message` is the reference wording. */
function assignmentId(value: unknown, message: string): string {
  if (!isEntityId(value)) throw new AccsynValidationError(`${message} Give its 24-character hexadecimal id.`);
  return value;
}

/** Checks the data is a non-empty object, with the reference wording for assignment or de-assignment. */
function assertAssignmentData(data: unknown, what: "assignment" | "de-assignment"): asserts data is EntityData {
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    throw new AccsynValidationError(`Invalid ${what} data supplied, must be a dict with values! Pass the ids, e.g. { volume: "<id>", server: "<id>" }.`);
  }
}

/** Throws the reference's error for a pair that cannot be (de)assigned, naming the supported ones. */
function unsupported(parent: string, child: string, supported: string): never {
  throw new AccsynValidationError(`${UNSUPPORTED} Cannot handle ${child} on ${parent}; supported: ${supported}.`);
}

/**
 * Assigns an entity to another: a server (or client) to a volume (or share) (`PUT share/server`),
 * a user to a delivery (`PUT job/recipient/add`) or a user to a volume/folder/home/collection
 * (`POST acl/create`). Resolves with the backend's result.
 */
export async function assign(
  session: Session,
  parentType: string,
  entitytype: string,
  data: AssignmentData,
  options: CallOptions = {},
): Promise<AssignResult> {
  const parent = normaliseEntityType(parentType, "the parent entity type");
  const child = normaliseEntityType(entitytype);
  assertAssignmentData(data, "assignment");
  const call = requestOptions(options);
  if ((parent === "volume" || parent === "share") && (child === "server" || child === "client")) {
    const share = assignmentId(pick(data, "volume", "share"), "Please supply parent entity ID as 'volume' with assignment data!");
    const server = assignmentId(pick(data, "server", "client"), "Please supply entity ID as 'server' with assignment data!");
    return resultOf(await session.request("PUT", "share/server", { data: { client: server }, id: share }, call));
  }
  if (parent === "delivery" && child === "user") {
    const delivery = assignmentId(data.delivery, "Please supply parent entity ID as 'delivery' with assignment data!");
    const user = assignmentId(data.user, "Please supply entity ID as 'user' with assignment data!");
    return resultOf(await session.request("PUT", "job/recipient/add", { data: { recipient: user }, id: delivery }, call));
  }
  if (SHARE_PARENTS.has(parent) && child === "user") {
    const share = assignmentId(data.volume, "Please supply parent entity ID as 'volume' with assignment data!");
    const user = assignmentId(data.user, "Please supply entity ID as 'user' with assignment data!");
    const acl = {
      entity: `user:${user}`,
      target: `share:${share}`,
      read: givenOr(data.read, true),
      write: givenOr(data.write, true),
      notify: givenOr(data.notify, true),
      message: givenOr(data.message, ""),
    };
    return resultOf(await session.request("POST", "acl/create", { data: acl }, call));
  }
  return unsupported(parent, child, "server/client on volume/share, user on delivery, user on volume/folder/home/collection");
}

/**
 * Lists what is assigned to an entity: the servers of a volume (`GET <type>/servers`, the type
 * sent as given; `share` is its deprecated alias). Resolves with the servers.
 */
export async function assignments(session: Session, entitytype: string, entityId: string, options: CallOptions = {}): Promise<Client[]> {
  assertNonEmptyString(entitytype, "the entity type");
  const type = entitytype.toLowerCase();
  if (type !== "volume" && type !== "share") unsupported(type, "assignments", "volume");
  assertNonEmptyString(entityId, "the volume id");
  return resultOf(await session.request("GET", `${entitytype}/servers`, { data: {}, id: entityId }, requestOptions(options)));
}

/**
 * Removes a server from a volume (or share): `DELETE <parent type>/server`. The ids may be given as
 * `volume` or `share`, and `server` or `client`. Resolves with the backend's result (`true`).
 */
export async function deassign(
  session: Session,
  parentType: string,
  entitytype: string,
  data: AssignmentData,
  options: CallOptions = {},
): Promise<boolean> {
  const parent = normaliseEntityType(parentType, "the parent entity type");
  const child = normaliseEntityType(entitytype);
  assertAssignmentData(data, "de-assignment");
  if ((parent !== "volume" && parent !== "share") || child !== "server") unsupported(parent, child, "server from volume/share");
  const share = assignmentId(pick(data, "volume", "share"), "Please supply parent entity ID as 'volume' with de-assignment data!");
  const server = assignmentId(pick(data, "server", "client"), "Please supply entity ID as 'server' with de-assignment data!");
  return resultOf(await session.request("DELETE", `${parent}/server`, { data: { client: server }, id: share }, requestOptions(options)));
}
