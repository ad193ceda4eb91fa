/**
 * Entity types: what the accsyn backend answers for each entity type (attributes from the
 * accsyn documentation), with dates decoded to `Date`. Every interface is open: attributes not
 * listed here are still there, typed `unknown`. Types only; nothing here exists at run time.
 */

/** Attributes every stored accsyn entity has. */
export interface BaseEntity {
  /** 24-character lowercase hexadecimal id (tasks: a uuid). */
  id: string;
  created: Date;
  modified: Date;
  /** Who created it (a user id or its `*_hr` rendering). */
  creator?: string;
  modifier?: string;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

/** An entity of a type this SDK has no interface for. */
export type Entity = BaseEntity;

/** User roles. */
export type UserRole = "admin" | "employee" | "standard" | "support";
/** User statuses. */
export type UserStatus = "enabled" | "disabled";
/** Job (transfer, compute, delivery, request, stream) statuses. */
export type JobStatus = "init" | "waiting" | "running" | "paused" | "failed" | "aborted" | "done";
/** Task statuses. */
export type TaskStatus = "pending" | "queued" | "booting" | "executing" | "failed" | "onhold" | "excluded" | "done";
/** Queue statuses (`waiting` = enabled). */
export type QueueStatus = "waiting" | "paused";
/** Share (volume, folder, home, collection) statuses. */
export type ShareStatus = "enabled" | "disabled" | "offline" | "disabled-offline";
/** Client statuses. */
export type ClientStatus = "online" | "offline" | "disabled" | "disabled-offline";
/** Client types: 0 app, 1 server, 2 user server, 3 browser, 4 compute lane, 5 VPX. */
export type ClientType = 0 | 1 | 2 | 3 | 4 | 5;

/** A user of the workspace; `code` is the e-mail. */
export interface User extends BaseEntity {
  code: string;
  name?: string;
  description?: string;
  role: UserRole;
  status: UserStatus;
  logged_in?: Date | boolean;
  queue?: string;
}

/** The workspace itself. */
export interface Workspace extends BaseEntity {
  code: string;
  name?: string;
  description?: string;
  status?: string;
}

/** A job queue. */
export interface Queue extends BaseEntity {
  code: string;
  name: string;
  description?: string;
  default?: boolean;
  compute_default?: boolean;
  /** 0–1000. */
  priority: number;
  status: QueueStatus;
  uri?: string;
}

/** Attributes shared by every kind of job. */
export interface JobEntity extends BaseEntity {
  code: string;
  name: string;
  status: JobStatus;
  /** 0–100. */
  progress?: number;
  /** Bytes. */
  size?: number;
  /** MB/s, -1 when idle. */
  speed?: number;
  /** Estimated time remaining. */
  etr?: unknown;
  finished?: Date;
  source?: string;
  source_hr?: string;
  destination?: string;
  destination_hr?: string;
  uri?: string;
  /** Queue or delivery id. */
  parent?: string;
  parent_hr?: string;
  user?: string;
  user_hr?: string;
  tasks?: Task[];
}

/** A file transfer (`job` is its deprecated alias). */
export type Transfer = JobEntity;
/** A compute job. */
export type Compute = JobEntity;
/** A delivery of files to recipients. */
export interface Delivery extends JobEntity {
  public?: boolean;
  recipients?: unknown[];
}
/** A request for files from recipients. */
export interface Request extends JobEntity {
  recipients?: unknown[];
}
/** A stream job. */
export type Stream = JobEntity;

/** Where a task goes. */
export interface TaskDestination {
  client?: string;
  path?: string;
  path_abs_final?: string;
  user?: string;
  site?: string;
  [key: string]: unknown;
}

/** One file of a job (a sub-entity; `id` is a uuid). */
export interface Task extends BaseEntity {
  uri: string;
  status: TaskStatus;
  source?: string;
  destination?: string | TaskDestination;
  job?: string;
  job_hr?: string;
  priority?: number;
  size?: number;
  finished?: Date;
  time?: unknown;
}

/** Attributes shared by volumes, folders, homes and collections. */
export interface ShareEntity extends BaseEntity {
  code: string;
  name: string;
  description?: string;
  email?: string;
  status: ShareStatus;
  status_hr?: string;
  queue?: string;
  path?: string;
}

/** A storage volume served by a server. */
export interface Volume extends ShareEntity {
  default?: boolean;
  licensed?: boolean;
  paths?: Record<string, string>;
  type?: "volume";
}

/** A sub-directory of a volume (`share` is its deprecated alias). */
export interface Folder extends ShareEntity {
  /** The volume id. */
  parent?: string;
  parent_hr?: string;
}

/** A user's home folder. */
export interface Home extends Folder {
  user?: string;
}

/** A virtual folder of files from several shares. */
export interface Collection extends ShareEntity {
  files?: unknown[];
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

/** A connected client: desktop app, server, user server, browser, compute lane. */
export interface Client extends BaseEntity {
  /** The host name. */
  code: string;
  type: ClientType;
  type_hr?: string;
  status: ClientStatus;
  user?: string;
  user_hr?: string;
  username?: string;
  site?: string;
  site_hr?: string;
  parent?: string;
  roles?: string[] | string;
  os?: string;
  version?: string;
  wan_ip?: string;
  host_ident?: string;
  last_checkin?: Date;
  benchmark?: unknown;
  metrics?: unknown;
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

/** Access of a user to a share. */
export interface Acl extends BaseEntity {
  /** `user:<id>`. */
  entity: string;
  /** `share:<id>`. */
  target: string;
  /** Relative to the share; default `/`. */
  path: string;
  read: boolean;
  write: boolean;
  acknowledged?: boolean;
  description?: string;
  role?: string;
  status?: string;
  token?: string;
}

/** One entry of a file listing (`ls`). */
export interface FileEntry {
  /** 0 directory, 1 file. */
  type: 0 | 1;
  filename: string;
  size?: number;
  modified?: Date;
  /** Entries below a directory in a recursive listing. */
  files?: FileEntry[];
  [key: string]: unknown;
}

/** A named setting value. */
export interface Setting {
  name: string;
  /** Settings are strings (JSON-encode structured values). */
  value: string;
  entitytype?: string;
  [key: string]: unknown;
}

export type { EntityTypeMap, EntityFor, EntityOfQuery, TrimBlanks, FirstWord, Blank } from "./entity-lookup.js";
