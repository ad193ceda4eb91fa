/** The emulator's event stream: one time-ordered record of requests, entity changes, transitions and file operations. */
export { EventStream, type EventStreamOptions, type StreamListener } from "./stream.js";
export { StoreEvents } from "./from-store.js";
export { formatEvent, logPrinter, type LogFormat } from "./format.js";
export { jobLogWriter, type JobLogLine } from "./job-log.js";
export { MASK, maskSecrets, maskText } from "./mask.js";
export type { EntityEvent, FileEvent, NewEvent, ProgressEvent, RequestDetail, RequestEvent, ResetEvent, StreamEvent, TransitionEvent } from "./types.js";
