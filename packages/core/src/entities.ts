/**
 * Entity types: what the accsyn backend answers for each entity type, with the backend's keys
 * (snake_case, `*_hr`) and dates decoded to `Date`. Evidence for every shape is in the protocol's
 * conformance/CONFORMANCE.md, "Answer shapes — corrected". Every interface is open: attributes not listed are
 * still there, typed `unknown` (the set depends on the role and on `attributes`). Types only.
 */

export type { Id, Uuid, Party, BaseEntity, Entity } from "./entity-base.js";
import type { BaseEntity, Id, Party } from "./entity-base.js";

/** User roles. */
export type UserRole = "admin" | "employee" | "standard" | "support";
/** User statuses. */
export type UserStatus = "enabled" | "disabled";
/** Queue statuses (`waiting` = enabled). */
export type QueueStatus = "waiting" | "paused";
/** Client statuses. */
export type ClientStatus = "online" | "offline" | "disabled" | "disabled-offline";
/** Client types: 0 app, 1 server, 2 user server, 3 browser, 4 compute lane, 5 VPX. */
export type ClientType = 0 | 1 | 2 | 3 | 4 | 5;

/** A user of the workspace (doc/users.rst); `code` is the e-mail. There is no `clearance`: see `role`. */
export interface User extends BaseEntity {
  id: Id;
  code: string;
  name: string;
  role: UserRole;
  status: UserStatus;
  description: string;
  /** When the user last logged in, `null` when never. */
  logged_in: Date | null;
  created: Date;
  creator: string;
  modified: Date;
  modifier: string;
  metadata: Record<string, unknown>;
  /** The user's default queue (id or name), `null` for the workspace default. */
  queue: Id | string | null;
}

/** The workspace itself. */
export interface Workspace extends BaseEntity {
  code: string;
  name?: string;
  description?: string;
  status?: string;
}

/** A job queue (doc/queues.rst). Real answers carry `+01:00` offsets, which stay strings. */
export interface Queue extends BaseEntity {
  id: Id;
  code: string;
  name: string;
  /** 0–1000. */
  priority: number;
  status: QueueStatus;
  default: boolean;
  compute_default: boolean;
  /** The queue's place, e.g. the workspace name. */
  uri: string;
  description: string;
  /** A `Date`, or the original text when it carries an offset such as `+01:00`. */
  created: Date | string;
  /** A `Date`, or the original text when it carries an offset such as `+01:00`. */
  modified: Date | string;
  creator: string;
  modifier: string;
  metadata: Record<string, unknown>;
}

/** A site (location) of the workspace. */
export interface Site extends BaseEntity {
  code: string;
  name: string;
  description?: string;
  main?: boolean;
  accsyn?: boolean;
  status?: string;
}

/** A connected client (doc/clients.rst): desktop app, server, user server, browser, compute lane. */
export interface Client extends BaseEntity {
  id: Id;
  /** The host name. */
  code: string;
  type: ClientType;
  status: ClientStatus;
  os: string;
  /** Comma-separated roles, e.g. `"storage"`. */
  roles: string;
  site: Id;
  /** e.g. `"hq(811a4b38677416e7c4cadf8d)"`. */
  site_hr: string;
  user: Id;
  /** e.g. `"user:alice@acme.example[admin](6335521b2380fbabbdefc019)"`. */
  user_hr: string;
  /** The OS account the client runs as. */
  username: string;
  version: string;
  wan_ip: string;
  host_ident: string;
  /** -1 when not measured. */
  benchmark: number;
  parent: Id | null;
  last_checkin: Date;
  created: Date;
  modified: Date;
  modifier: string;
  description?: string;
}

/** A storage/transfer server (client type 1). */
export interface Server extends Client {
  type: 1;
}
/** A user server (client type 2). */
export interface UserServer extends Client {
  type: 2;
}
/** A desktop app (client type 0). */
export interface App extends Client {
  type: 0;
}
/** A browser client (client type 3). */
export interface Browser extends Client {
  type: 3;
}
/** A compute lane (client type 4). */
export interface Lane extends Client {
  type: 4;
}
/** A compute engine. */
export interface Engine extends BaseEntity {
  code?: string;
  name?: string;
  status?: string;
}

/** Access of a user to a share, as `acl/create` (grant, assign) and `acl/find` answer it. */
export interface Acl extends BaseEntity {
  id: Id;
  /** `"user:<id>"`. */
  entity: Party;
  /** `"share:<id>"`. */
  target: Party;
  read: boolean;
  write: boolean;
  /** Relative to the share; default `/`. */
  path: string;
  acknowledged: boolean;
  role: string;
  status: string;
  token: string;
  description: string;
  created: Date;
  creator: string;
  /** The user's e-mail (`acl/find`). */
  entity_hr?: string;
  /** The share's code (`acl/find`). */
  target_hr?: string;
}

/** A named setting value. */
export interface Setting {
  name: string;
  /** Settings are strings (JSON-encode structured values). */
  value: string;
  entitytype?: string;
  [key: string]: unknown;
}

export * from "./jobs.js";
export * from "./shares.js";
export type { EntityTypeMap, EntityFor, EntityOfQuery, TrimBlanks, FirstWord, Blank } from "./entity-lookup.js";
