/**
 * `create`: a new entity (or tasks under a job, files under a collection) from an object, a list,
 * a JSON string or the path of a JSON file.
 */
import { existsSync, readFileSync } from "node:fs";
import {
  AccsynValidationError,
  isPlainObject,
  normaliseEntityType,
  type CallOptions,
  type EntityFor,
  type Session,
} from "@accsyn/core";
import { idIfGiven, requestOptions, type EntityData } from "./shared.js";

/** Options of {@link create}. */
export interface CreateOptions extends CallOptions {
  /** The parent: the job of new tasks, the collection of new files. */
  entityId?: string;
  /** (jobs and tasks) Retry an existing task with the same source and destination instead of adding a duplicate. */
  allowDuplicates?: boolean;
  /** (jobs and tasks) Replace an existing task with the same source and destination. */
  replaceDuplicates?: boolean;
}

/**
 * What {@link create} accepts: an object, a list (sent as `{tasks: [...]}`), JSON text or a JSON
 * file path (sent as parsed; a list stays a list except for tasks).
 */
export type CreateData = EntityData | readonly EntityData[] | string;

/** What {@link create} resolves with: the entity; a list of data may also answer several entities. */
export type CreateResult<T extends string, D> = D extends readonly unknown[] ? EntityFor<T> | EntityFor<T>[] : EntityFor<T>;

/** Entity types whose creation takes `allow_duplicates` / `replace_duplicates`. */
const DUPLICATE_AWARE = new Set(["transfer", "compute", "delivery", "request", "stream", "job", "task"]);

const NOT_JSON = "Cannot build JSON payload data, not a valid JSON string or path to a JSON file!";
const EMPTY = "Empty create data submitted!";
const NO_DATA = "You must provide the data to create!";

/** Parses JSON text, or reads it from the file the string names. */
function parseJsonData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // not JSON text: maybe a path to a JSON file
  }
  if (!existsSync(text)) {
    throw new AccsynValidationError(`${NOT_JSON} Pass an object, a list, JSON text or the path of a readable JSON file.`);
  }
  try {
    return JSON.parse(readFileSync(text, "utf8"));
  } catch (error) {
    throw new AccsynValidationError(`${NOT_JSON} The file ${text} does not hold valid JSON.`, { cause: error });
  }
}

/**
 * Builds the event data as the reference does, without touching `data`: JSON text (or a file) is
 * sent as parsed; a list given directly travels as `{ tasks: [...] }`; task data is wrapped into
 * `tasks` unless it has them; the duplicate flags are added when given (`null` counts as not given).
 */
function buildCreateData(entitytype: string, data: unknown, options: CreateOptions): unknown {
  let body: unknown;
  if (typeof data === "string") {
    if (data.trim() === "") throw new AccsynValidationError(`${NO_DATA} Pass the attributes of the new ${entitytype}.`);
    body = parseJsonData(data);
    if (typeof body !== "object" || body === null) {
      throw new AccsynValidationError(`${NOT_JSON} The JSON must be an object or a list of objects.`);
    }
  } else {
    body = Array.isArray(data) ? { tasks: data } : data;
    if (!isPlainObject(body) || Object.keys(body).length === 0) {
      throw new AccsynValidationError(`${EMPTY} Pass the attributes of the new ${entitytype} as an object (or a list of tasks).`);
    }
  }
  if (entitytype === "task" && !(isPlainObject(body) && "tasks" in body)) body = { tasks: body };
  else if (isPlainObject(body)) body = { ...body };
  const flags: EntityData = {};
  if (DUPLICATE_AWARE.has(entitytype)) {
    if (options.allowDuplicates !== undefined && options.allowDuplicates !== null) flags.allow_duplicates = options.allowDuplicates;
    if (options.replaceDuplicates !== undefined && options.replaceDuplicates !== null) flags.replace_duplicates = options.replaceDuplicates;
  }
  if (Object.keys(flags).length === 0) return body;
  if (!isPlainObject(body)) {
    throw new AccsynValidationError(`Duplicate options need create data that is an object; the JSON given for the ${entitytype} is not one.`);
  }
  return Object.assign(body, flags);
}

/**
 * Creates an entity: `POST <type>/create` (`file/add` for files). Resolves with the created entity,
 * or the list when several were created; an answer without `result` is returned whole.
 */
export async function create<T extends string, D extends CreateData>(
  session: Session,
  entitytype: T,
  data: D,
  options: CreateOptions = {},
): Promise<CreateResult<T, D>> {
  const type = normaliseEntityType(entitytype, "the entity type to create");
  const body = buildCreateData(type, data, options);
  const uri = type === "file" ? "file/add" : `${type}/create`;
  const answer = await session.requestRaw("POST", uri, { data: body, ...idIfGiven(options.entityId) }, requestOptions(options));
  if (Array.isArray(answer) || !("result" in answer)) return answer as CreateResult<T, D>;
  const result = answer.result;
  if (Array.isArray(result) && result.length === 1) return result[0] as CreateResult<T, D>;
  return result as CreateResult<T, D>;
}
