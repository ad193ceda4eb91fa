/** Storage kinds: each entity lives under exactly one kind. */
export const KINDS = [
  "user", "workspace", "queue", "transfer", "compute", "delivery", "request", "stream", "task",
  "volume", "folder", "home", "collection", "file", "site", "client", "acl", "engine",
] as const;

/** A storage kind. */
export type Kind = (typeof KINDS)[number];

/** Job kinds (entities with job statuses, tasks and finished/archived scopes). */
export const JOB_KINDS: readonly Kind[] = ["transfer", "compute", "delivery", "request", "stream"];
/** Share kinds (entities that ACLs can target). */
export const SHARE_KINDS: readonly Kind[] = ["volume", "folder", "home", "collection"];

/**
 * The names `entitytypes` answers: the current ones (doc/datatypes.rst; `job` and `share` are deprecated
 * aliases, release notes 3.2.3), in the order the vectors record.
 */
export const ENTITY_TYPES = [
  "user", "workspace", "queue", "transfer", "delivery", "request", "stream", "task", "folder", "collection",
  "home", "volume", "site", "server", "client", "acl",
];

/** Client type numbers by alias. */
const CLIENT_ALIASES = new Map<string, number>([["app", 0], ["server", 1], ["userserver", 2], ["browser", 3], ["lane", 4]]);
/** Human-readable client types. */
export const CLIENT_TYPE_HR = ["app", "server", "userserver", "browser", "lane", "vpx"];

/** What a uri entity type resolves to. */
export interface TypeRef {
  /** Kinds searched (several for `share`). */
  kinds: Kind[];
  /** Client type filter for client aliases. */
  clientType?: number;
  /** The name as given (lower-cased). */
  name: string;
}

/** Resolves an entity type name of the API (case-insensitive, with aliases) or undefined. */
export function resolveType(name: string): TypeRef | undefined {
  const n = name.toLowerCase();
  if (n === "job") return { kinds: ["transfer"], name: n };
  if (n === "share") return { kinds: ["folder", "volume", "home", "collection"], name: n };
  const clientType = CLIENT_ALIASES.get(n);
  if (clientType !== undefined) return { kinds: ["client"], clientType, name: n };
  if ((KINDS as readonly string[]).includes(n)) return { kinds: [n as Kind], name: n };
  return undefined;
}

/** Job statuses and those a client may set. */
export const JOB_STATUSES = ["init", "pending", "waiting", "running", "paused", "failed", "aborted", "done"];
/** Job statuses settable through edit. */
export const JOB_SETTABLE = ["waiting", "paused", "aborted", "done", "pending"];
/** Task statuses. */
export const TASK_STATUSES = ["pending", "queued", "booting", "executing", "failed", "onhold", "excluded", "done"];
/** Task statuses settable through update_many (`paused` is accepted as `onhold`). */
export const TASK_SETTABLE = ["queued", "failed", "onhold", "excluded", "done", "paused"];
/** Statuses settable per kind (jobs and tasks above). */
export const STATUSES: Partial<Record<Kind, string[]>> = {
  user: ["enabled", "disabled"],
  queue: ["waiting", "paused"],
  volume: ["enabled", "disabled"],
  folder: ["enabled", "disabled"],
  home: ["enabled", "disabled"],
  collection: ["enabled", "disabled"],
  site: ["enabled", "disabled"],
  client: ["online", "offline", "disabled", "disabled-offline"],
  acl: ["enabled", "disabled"],
};

const COMMON = ["id", "code", "created", "creator", "modified", "modifier", "metadata", "description"];
const JOB = [...COMMON, "name", "status", "destination", "destination_hr", "etr", "finished", "progress",
  "size", "source", "source_hr", "speed", "uri", "parent", "parent_hr", "user", "user_hr", "priority", "queue"];
const SHARE = [...COMMON, "name", "email", "parent", "parent_hr", "path", "queue", "status", "status_hr"];

/** Known attributes per kind, in display order. */
export const ATTRIBUTES: Record<Kind, string[]> = {
  user: [...COMMON, "name", "logged_in", "queue", "role", "status"],
  workspace: [...COMMON, "name", "status"],
  queue: [...COMMON, "name", "compute_default", "default", "priority", "status", "uri"],
  transfer: JOB, compute: JOB, delivery: [...JOB, "public", "expires"], request: [...JOB, "public"], stream: JOB,
  task: ["id", "created", "destination", "finished", "job", "job_hr", "priority", "size", "source", "status",
    "time", "uri", "metadata"],
  volume: [...COMMON, "name", "default", "email", "licensed", "path", "paths", "queue", "status", "type"],
  folder: SHARE, home: [...SHARE, "user", "user_hr"], collection: [...SHARE, "files"],
  file: ["id", "created", "creator", "path", "parent"],
  site: [...COMMON, "name", "accsyn", "main", "status"],
  client: ["id", "code", "created", "modified", "modifier", "description", "benchmark", "host_ident",
    "last_checkin", "metrics", "os", "parent", "roles", "site", "site_hr", "status", "type", "type_hr",
    "user", "user_hr", "username", "version", "wan_ip", "metadata"],
  acl: ["id", "created", "creator", "modified", "modifier", "description", "acknowledged", "entity",
    "entity_hr", "path", "read", "role", "status", "target", "target_hr", "token", "write"],
  engine: [...COMMON, "name", "status"],
};

/** Attributes only admins (and support) see. */
export const ADMIN_ONLY = new Set(["paths", "host_ident", "wan_ip", "licensed", "benchmark", "token", "email"]);
/** Attributes standard users do not see either. */
export const EMPLOYEE_ONLY = new Set(["creator", "modifier", "metadata", "queue", "priority", "logged_in", "metrics"]);
/** Attributes that can never be written through `edit`. */
export const READ_ONLY = new Set(["id", "created", "creator", "modified", "modifier", "type", "job", "uri"]);

/** Attributes a create may carry, per kind (answer of `attributes` with create=true). */
export const CREATE_ATTRIBUTES: Partial<Record<Kind, string[]>> = {
  user: ["code", "name", "role", "description", "metadata", "create_home_share", "give_all_volumes_access",
    "give_default_volume_access", "volumes", "message", "mail"],
  transfer: ["code", "name", "tasks", "source", "destination", "priority", "queue", "status", "parent", "metadata"],
  delivery: ["code", "name", "tasks", "recipients", "public", "metadata"],
  request: ["code", "name", "destination", "recipients", "public", "metadata"],
  queue: ["code", "name", "priority", "compute_default", "description", "metadata"],
  volume: ["code", "name", "path", "paths", "default", "server", "description", "metadata"],
  folder: ["code", "name", "parent", "path", "description", "metadata"],
  home: ["code", "name", "parent", "path", "user", "description", "metadata"],
  collection: ["code", "name", "files", "description", "metadata"],
  site: ["code", "name", "description", "metadata"],
  acl: ["entity", "target", "path", "read", "write", "notify", "message", "invite"],
};
