/**
 * `@accsyn/entities`: entity methods (create, find, get, update, life cycle, assignments, …) as a
 * plugin for `@accsyn/core` — `Session.plugin(entities)` — and as standalone functions.
 */
import type { CallOptions, Client, EntityFor, EntityOfQuery, Session } from "@accsyn/core";
import { activateOne, deactivateOne, deleteMany, deleteOne, offlineOne } from "./lifecycle.js";
import { assign, assignments, deassign, type AssignResult, type AssignmentData } from "./assign.js";
import { appIsRunning, daemonIsRunning, guiIsRunning, serverIsRunning } from "./clients.js";
import { create, type CreateData, type CreateOptions, type CreateResult } from "./create.js";
import { find, findOne, type FindOneOptions, type FindOptions } from "./find.js";
import { getEntity } from "./get.js";
import { getApiKey } from "./api-key.js";
import { integration } from "./integration.js";
import { iterate, type IterateOptions } from "./iterate.js";
import { prepublish, type PrepublishResult, type PublishEntry } from "./prepublish.js";
import { metrics, report, type Metrics, type MetricsOptions } from "./report.js";
import { update, updateMany, updateOne } from "./update.js";
import { waitFor, type WaitForOptions } from "./wait.js";
import { watch, type WatchEvent, type WatchOptions } from "./watch.js";
import type { EntityData } from "./shared.js";

export { create, type CreateData, type CreateOptions, type CreateResult } from "./create.js";
export { find, findOne, type FindOneOptions, type FindOptions } from "./find.js";
export { getEntity } from "./get.js";
export { report, metrics, type Metrics, type MetricsOptions } from "./report.js";
export { update, updateOne, updateMany } from "./update.js";
export { deactivateOne, offlineOne, activateOne, deleteOne, deleteMany } from "./lifecycle.js";
export { assign, assignments, deassign, type AssignResult, type AssignmentData } from "./assign.js";
export { prepublish, type PublishEntry, type PrepublishEntry, type PrepublishResult } from "./prepublish.js";
export { appIsRunning, guiIsRunning, daemonIsRunning, serverIsRunning } from "./clients.js";
export { integration } from "./integration.js";
export { getApiKey } from "./api-key.js";
export { iterate, type IterateOptions } from "./iterate.js";
export { waitFor, type WaitForOptions, type WaitProgress } from "./wait.js";
export type { PollRetry } from "./retry.js";
export { watch, type WatchEvent, type WatchEventKind, type WatchOptions, type WatchPoll, type WatchRetry } from "./watch.js";
export { defaultWatchAttributes } from "./changes.js";
export type { EntityData } from "./shared.js";

/** The entity methods a session gets from {@link entities}. */
export type EntityMethods = {
  /** Creates an entity (`POST <type>/create`; files of a collection: `file/add`). */
  create<T extends string, D extends CreateData>(entitytype: T, data: D, options?: CreateOptions): Promise<CreateResult<T, D>>;
  /** Finds entities by query; typed from the query's first word. */
  find<Q extends string>(query: Q, options?: FindOptions): Promise<EntityOfQuery<Q>[]>;
  /** Finds the first entity matching a query, or `null`; the backend also looks among finished jobs when no active one matches. */
  findOne<Q extends string>(query: Q, options?: FindOneOptions): Promise<EntityOfQuery<Q> | null>;
  /** Fetches an entity by id, or `null`. */
  getEntity<T extends string>(entitytype: T, entityId: string, options?: CallOptions): Promise<EntityFor<T> | null>;
  /** The backend's report of an entity (support). */
  report(query: string, options?: CallOptions): Promise<string>;
  /** Metrics of an entity (job). */
  metrics(query: string, options?: MetricsOptions): Promise<Metrics>;
  /** Updates an entity. */
  update<T extends string>(entitytype: T, entityId: string, data: EntityData, options?: CallOptions): Promise<EntityFor<T>>;
  /** @deprecated Use `update`. */
  updateOne<T extends string>(entitytype: T, entityId: string, data: EntityData, options?: CallOptions): Promise<EntityFor<T>>;
  /** Updates tasks of a job. */
  updateMany(entitytype: string, entityId: string, data: readonly EntityData[], options?: CallOptions): Promise<EntityFor<"task">[]>;
  /** Deactivates an entity; resolves `true`. */
  deactivateOne(entitytype: string, entityId: string, options?: CallOptions): Promise<boolean>;
  /** @deprecated Use `deactivateOne`. */
  offlineOne(entitytype: string, entityId: string, options?: CallOptions): Promise<boolean>;
  /** Activates an entity by id or code; resolves `true`. */
  activateOne(entitytype: string, idOrCode: string, options?: CallOptions): Promise<boolean>;
  /** Deletes (archives) an entity; resolves `true`. */
  deleteOne(entitytype: string, entityId: string, data?: EntityData, options?: CallOptions): Promise<boolean>;
  /** Removes files (by file id) from a collection: `true`, or `false` when a file was not in it. */
  deleteMany(entitytype: string, entityId: string, data: EntityData, options?: CallOptions): Promise<boolean>;
  /** Assigns an entity to another: `true`, or for share users the `acl/create` list. */
  assign(parentType: string, entitytype: string, data: AssignmentData, options?: CallOptions): Promise<AssignResult>;
  /** Lists the servers of a volume. */
  assignments(entitytype: string, entityId: string, options?: CallOptions): Promise<Client[]>;
  /** Removes a server from a volume; resolves `true`. */
  deassign(parentType: string, entitytype: string, data: AssignmentData, options?: CallOptions): Promise<boolean>;
  /** Pre-processes a publish. */
  prepublish(entries: readonly PublishEntry[], options?: CallOptions): Promise<PrepublishResult>;
  /** Calls an integration utility. */
  integration(name: string, operation: string, data: unknown, options?: CallOptions): Promise<unknown>;
  /** The user's API key. */
  getApiKey(options?: CallOptions): Promise<string>;
  /** Whether the desktop app runs on this machine. */
  appIsRunning(options?: CallOptions): Promise<boolean | null>;
  /** @deprecated Use `appIsRunning`. */
  guiIsRunning(options?: CallOptions): Promise<boolean | null>;
  /** Whether a daemon runs on this machine. */
  daemonIsRunning(options?: CallOptions): Promise<boolean | null>;
  /** @deprecated Use `daemonIsRunning`. */
  serverIsRunning(options?: CallOptions): Promise<boolean | null>;
  /** Every entity matching a query, page by page. */
  iterate<Q extends string>(query: Q, options?: IterateOptions): AsyncGenerator<EntityOfQuery<Q>, void, undefined>;
  /** Polls a job until it reaches a wanted status. */
  waitFor<T extends string>(entitytype: T, id: string, options?: WaitForOptions<EntityFor<T>>): Promise<EntityFor<T>>;
  /** Change events (added, changed, removed) of the entities matching a query, by polling; typed from the query's first word. */
  watch<Q extends string>(query: Q, options?: WatchOptions): AsyncGenerator<WatchEvent<EntityOfQuery<Q>>, void, undefined>;
};

/** The entities plugin: `const MySession = Session.plugin(entities)`. */
export function entities(session: Session): EntityMethods {
  return {
    create: (entitytype, data, options) => create(session, entitytype, data, options),
    find: (query, options) => find(session, query, options),
    findOne: (query, options) => findOne(session, query, options),
    getEntity: (entitytype, entityId, options) => getEntity(session, entitytype, entityId, options),
    report: (query, options) => report(session, query, options),
    metrics: (query, options) => metrics(session, query, options),
    update: (entitytype, entityId, data, options) => update(session, entitytype, entityId, data, options),
    updateOne: (entitytype, entityId, data, options) => updateOne(session, entitytype, entityId, data, options),
    updateMany: (entitytype, entityId, data, options) => updateMany(session, entitytype, entityId, data, options),
    deactivateOne: (entitytype, entityId, options) => deactivateOne(session, entitytype, entityId, options),
    offlineOne: (entitytype, entityId, options) => offlineOne(session, entitytype, entityId, options),
    activateOne: (entitytype, idOrCode, options) => activateOne(session, entitytype, idOrCode, options),
    deleteOne: (entitytype, entityId, data, options) => deleteOne(session, entitytype, entityId, data, options),
    deleteMany: (entitytype, entityId, data, options) => deleteMany(session, entitytype, entityId, data, options),
    assign: (parentType, entitytype, data, options) => assign(session, parentType, entitytype, data, options),
    assignments: (entitytype, entityId, options) => assignments(session, entitytype, entityId, options),
    deassign: (parentType, entitytype, data, options) => deassign(session, parentType, entitytype, data, options),
    prepublish: (entries, options) => prepublish(session, entries, options),
    integration: (name, operation, data, options) => integration(session, name, operation, data, options),
    getApiKey: (options) => getApiKey(session, options),
    appIsRunning: (options) => appIsRunning(session, options),
    guiIsRunning: (options) => guiIsRunning(session, options),
    daemonIsRunning: (options) => daemonIsRunning(session, options),
    serverIsRunning: (options) => serverIsRunning(session, options),
    iterate: (query, options) => iterate(session, query, options),
    waitFor: (entitytype, id, options) => waitFor(session, entitytype, id, options),
    watch: (query, options) => watch(session, query, options),
  };
}
