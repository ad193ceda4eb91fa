import type { Caller } from "./access/auth.js";
import type { ApiEvent } from "./context.js";

/** What one request turned out to be, filled in as it is answered, for the event stream. */
export interface RequestTrace {
  /** The operation, e.g. `transfer/create`. */
  uri?: string;
  /** Who called (after authentication). */
  caller?: Caller;
  /** The entity id the call named. */
  id?: string;
  /** The decoded event. */
  event?: ApiEvent;
  /** Set when the dashboard made the call on a user's behalf. */
  via?: "dashboard";
  /** True when the request is not recorded (the dashboard's own reads). */
  quiet?: boolean;
}
