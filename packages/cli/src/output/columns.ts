/** The columns a table shows for each entity type (the rest is in `--json`). */
import { valueAt } from "./values.js";

const JOB = ["id", "code", "status", "progress", "size", "source_hr", "destination_hr", "created"];
/** Deliveries, requests and streams have no destination: their recipients are listed by `access`. */
const DELIVERY = ["id", "code", "status", "progress", "size", "public", "user_hr", "created"];
const SHARE = ["id", "code", "name", "status", "path"];
const CLIENT = ["id", "code", "type", "status", "user_hr", "site_hr", "os", "last_checkin"];

const COLUMNS: Record<string, string[]> = {
  user: ["id", "code", "name", "role", "status", "created"],
  workspace: ["id", "code", "name", "status"],
  queue: ["id", "code", "name", "priority", "status"],
  job: JOB,
  transfer: JOB,
  compute: JOB,
  delivery: DELIVERY,
  request: DELIVERY,
  stream: DELIVERY,
  task: ["id", "uri", "status", "source.path", "destination.path", "size", "finished"],
  share: SHARE,
  volume: [...SHARE, "default"],
  folder: ["id", "code", "name", "status", "parent_hr", "path"],
  home: ["id", "code", "status", "user_hr", "path"],
  collection: ["id", "code", "name", "status"],
  site: ["id", "code", "name", "main", "status"],
  client: CLIENT,
  server: CLIENT,
  userserver: CLIENT,
  app: CLIENT,
  acl: ["id", "entity", "target", "path", "read", "write", "status"],
  access: ["user_hr", "share_hr", "path", "read", "write", "acknowledged"],
  recipient: ["user_hr", "actioned", "user"],
  file: ["type", "filename", "size", "modified"],
  setting: ["name", "value"],
  log: ["date", "created", "user", "entitytype", "id", "message"],
};

const FALLBACK = ["id", "code", "name", "status", "created"];
const MAX_GUESSED = 8;

/**
 * The columns for rows of `entitytype`: the chosen ones present in at least one row (a dotted
 * column such as `source.path` reads nested objects), else the common ones present, else the first
 * keys of the first row.
 */
export function columnsFor(entitytype: string | undefined, rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const present = (key: string): boolean => rows.some((row) => valueAt(row, key) !== undefined);
  const chosen = (entitytype && COLUMNS[entitytype.toLowerCase()]) || FALLBACK;
  const columns = chosen.filter(present);
  if (columns.length > 0) return columns;
  const fallback = FALLBACK.filter(present);
  if (fallback.length > 0) return fallback;
  return Object.keys(rows[0] ?? {}).slice(0, MAX_GUESSED);
}
