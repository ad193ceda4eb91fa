/**
 * accsyn paths as file operations accept them, and the checks the reference client makes before
 * sending one.
 */
import { AccsynValidationError, describe, isPlainObject, isTruthy } from "@accsyn/core";

/**
 * An accsyn path given as an object, e.g. `{ share: "<id>", path: "shots/sh010" }`. Sent as is.
 */
export type AccsynPathObject = Record<string, unknown>;

/**
 * One accsyn path: `share=<code>/<path>`, `volume=<code>/…`, `folder=<code or id>/…`,
 * `home=<user>/…`, `collection=<code>`, `delivery=<id>`, a bare path on the default volume, or an
 * {@link AccsynPathObject}.
 */
export type AccsynPath = string | AccsynPathObject;

/** Several accsyn paths handled in one call; the backend answers one {@link PathResult} each. */
export type AccsynPathList = readonly string[];

/** One entry of the answer to a call made with a list of paths. */
export interface PathResult<T> {
  /** The path this entry is about. */
  path: string;
  /** What the operation gave for that path. */
  result: T;
  [key: string]: unknown;
}

const NO_PATH = "No path supplied, or not a string/list/dict!";

/**
 * Throws an {@link AccsynValidationError} unless `value` is a non-empty string, a non-empty list of
 * non-empty strings, or a non-empty object — what the reference client accepts. `what` names the
 * argument in the guidance.
 */
export function assertAccsynPath(value: unknown, what = "path"): asserts value is AccsynPath | AccsynPathList {
  const guidance =
    ` Pass the ${what} as an accsyn path string such as "share=projects/shots", a list of such` +
    ` strings, or an object such as { share: "<id>", path: "shots" }; got ${describe(value)}.`;
  if (typeof value === "string") {
    if (value.trim() !== "") return;
  } else if (Array.isArray(value)) {
    if (value.length > 0 && value.every((item) => typeof item === "string" && item.trim() !== "")) return;
  } else if (isPlainObject(value) && Object.keys(value).length > 0) {
    return;
  }
  throw new AccsynValidationError(NO_PATH + guidance);
}

/**
 * True when the reference client would treat the option as set (Python truthiness): not
 * `undefined`, `null`, `false`, `0`, `""` or an empty list. Falsy options are not sent.
 */
export const isSet: (value: unknown) => boolean = isTruthy;

