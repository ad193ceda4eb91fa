/** What every event of the stream carries. */
interface EventBase {
  /** Position in the stream (1, 2, 3, …): stable, time-ordered. */
  seq: number;
  /** When it happened (ISO 8601, milliseconds, UTC). */
  time: string;
}

/** One API call answered (or refused) by the emulator. */
export interface RequestEvent extends EventBase {
  type: "request";
  method: string;
  /** The operation, e.g. `transfer/create`; the HTTP path for calls that are not events (`api/login`, …). */
  uri: string;
  /** The caller's e-mail and role, when it authenticated. */
  user?: string;
  role?: string;
  /** The event's entity id, if any. */
  id?: string;
  status: number;
  /** Milliseconds from the request to the answer. */
  ms: number;
  /** The refusal's or failure's message. */
  error?: string;
  /** `dashboard` when the emulator's page made the call. */
  via?: "dashboard";
}

/** An entity created, updated (with the public attributes that changed, new values) or deleted. */
export interface EntityEvent extends EventBase {
  type: "entity";
  op: "created" | "updated" | "deleted";
  entitytype: string;
  id: string;
  /** The entity's code, when it has one. */
  code?: string;
  /** New values of the public attributes that changed (`updated`), or the public attributes (`created`). */
  changes?: Record<string, unknown>;
}

/** A job or task changed status. */
export interface TransitionEvent extends EventBase {
  type: "transition";
  /** `transfer`, `delivery`, …, or `task`. */
  entitytype: string;
  id: string;
  /** The job of a task. */
  job?: string;
  /** The task's or job's name (task uri / job code). */
  name?: string;
  from: string;
  to: string;
  /** Why it failed: an accsyn error code and message (`E#J001 File or directory not found at server: …`). */
  reason?: string;
}

/** A job's progress (throttled: at most a few per second per job). */
export interface ProgressEvent extends EventBase {
  type: "progress";
  entitytype: string;
  id: string;
  progress: number;
  /** The job's size in bytes, when known. */
  size?: number;
  /** True when the progress crossed a quarter (25, 50, 75 %): what `--log` prints. */
  milestone: boolean;
}

/** A file operation (`ls`, `mkdir`, `delete`, `rename`, `move`, …) made through the API. */
export interface FileEvent extends EventBase {
  type: "file";
  op: string;
  paths: string[];
  user?: string;
  status: number;
}

/** The workspace went back to its seed (`reset()`): every entity may have changed. */
export interface ResetEvent extends EventBase {
  type: "reset";
}

/** One event of the emulator's stream. */
export type StreamEvent = RequestEvent | EntityEvent | TransitionEvent | ProgressEvent | FileEvent | ResetEvent;

/** An event before the stream numbers and stamps it. */
export type NewEvent = StreamEvent extends infer E ? (E extends StreamEvent ? Omit<E, "seq" | "time"> : never) : never;

/** What the stream keeps of a request besides its summary: the event and the answer, secrets masked. */
export interface RequestDetail {
  event?: unknown;
  answer?: unknown;
}
