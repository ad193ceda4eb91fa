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
  type TrimBlanks,
} from "@accsyn/core";
import { requestOptions, type EntityData } from "./shared.js";

/** Options of {@link create}. */
export interface CreateOptions extends CallOptions {
  /** The parent: the job of new tasks, the collection of new files. */
  entityId?: string;
  /**
   * (jobs and tasks) What happens to a task whose source and destination equal an existing task's:
   * `false` makes the call fail; `true` or left out retries the existing task instead of adding
   * a duplicate (the backend's default).
   */
  allowDuplicates?: boolean;
  /** (jobs and tasks) Replace an existing task with the same source and destination. */
  replaceDuplicates?: boolean;
}

/** What {@link create} accepts: an object, a list (sent as `{tasks: [...]}`), JSON text or a JSON file path. */
export type CreateData = EntityData | readonly EntityData[] | string;

/**
 * What {@link create} resolves with, from the entity type and the data (as the recorded answers
 * show): tasks from a list → one task per item, always a list; files added to a collection
 * (`{ files: [...] }`) → a list; anything else → one entity (a list given for a job becomes the
 * tasks of that one job). Data as JSON text is only known once parsed.
 */
export type CreateResult<T extends string, D> =
  Lowercase<TrimBlanks<T>> extends "task"
    ? D extends readonly unknown[]
      ? EntityFor<T>[]
      : D extends string
        ? EntityFor<T> | EntityFor<T>[]
        : EntityFor<T>
    : Lowercase<TrimBlanks<T>> extends "file"
      ? D extends { files: readonly unknown[] }
        ? EntityFor<T>[]
        : EntityFor<T> | EntityFor<T>[]
      : EntityFor<T>;

/** True when the answer is a list by nature: tasks from a list, files added to a collection. */
function answersList(entitytype: string, parsed: unknown): boolean {
  if (entitytype === "task") return Array.isArray(parsed);
  return entitytype === "file" && isPlainObject(parsed) && Array.isArray(parsed.files);
}

/** Entity types whose creation takes `allow_duplicates` / `replace_duplicates`. */
const DUPLICATE_AWARE = new Set(["transfer", "compute", "delivery", "request", "stream", "job", "task"]);

const NOT_JSON = "Cannot build JSON payload data, not a valid JSON string or path to a JSON file!";
const EMPTY = "Empty create data submitted!";

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

/** True for an empty object, list or string. */
function isEmpty(value: unknown): boolean {
  if (typeof value === "string" || Array.isArray(value)) return value.length === 0;
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/** Builds the event data: parsed, wrapped into `tasks` when needed, duplicate flags added. Never touches `data`. */
function buildCreateData(entitytype: string, data: unknown, options: CreateOptions): EntityData {
  if (data === null || data === undefined || isEmpty(data)) {
    throw new AccsynValidationError(`${EMPTY} Pass the attributes of the new ${entitytype}.`);
  }
  const parsed = typeof data === "string" ? parseJsonData(data) : data;
  if (isEmpty(parsed)) throw new AccsynValidationError(`${EMPTY} Pass the attributes of the new ${entitytype}.`);
  let body: EntityData;
  if (Array.isArray(parsed)) body = { tasks: parsed };
  else if (isPlainObject(parsed)) body = entitytype === "task" && !("tasks" in parsed) ? { tasks: parsed } : { ...parsed };
  else throw new AccsynValidationError(`${NOT_JSON} The data must be an object or a list of objects.`);
  if (DUPLICATE_AWARE.has(entitytype)) {
    if (options.allowDuplicates !== undefined && options.allowDuplicates !== null) body.allow_duplicates = options.allowDuplicates;
    if (options.replaceDuplicates !== undefined && options.replaceDuplicates !== null) body.replace_duplicates = options.replaceDuplicates;
  }
  return body;
}

/**
 * Creates an entity: `POST <type>/create` (`file/add` for files). Resolves with the created entity
 * (a one-item list unwrapped, as the reference does), or always a list for tasks created from a
 * list and files added to a collection (see {@link CreateResult}); an answer without `result` is
 * returned whole.
 */
export async function create<T extends string, D extends CreateData>(
  session: Session,
  entitytype: T,
  data: D,
  options: CreateOptions = {},
): Promise<CreateResult<T, D>> {
  const type = normaliseEntityType(entitytype);
  const body = buildCreateData(type, data, options);
  const many = answersList(type, typeof data === "string" ? (Array.isArray(body.tasks) ? body.tasks : body) : data);
  const uri = type === "file" ? "file/add" : `${type}/create`;
  const answer = await session.requestRaw(
    "POST",
    uri,
    { data: body, ...(options.entityId === undefined || options.entityId === null ? {} : { id: options.entityId }) },
    requestOptions(options),
  );
  if (Array.isArray(answer) || !("result" in answer)) return answer as CreateResult<T, D>;
  const result = answer.result;
  if (many) return (Array.isArray(result) ? result : [result]) as CreateResult<T, D>;
  if (Array.isArray(result) && result.length === 1) return result[0] as CreateResult<T, D>;
  return result as CreateResult<T, D>;
}
