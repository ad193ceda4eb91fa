/**
 * `integration`: a utility call of a workspace integration (ftrack, …).
 */
import { assertNonEmptyString, type CallOptions, type Session } from "@accsyn/core";
import { requestOptions, resultOf } from "./shared.js";

/**
 * Calls `operation` of the integration `name` with `data`:
 * `PUT workspace/integration/<name>/utility`. Resolves with the backend's result.
 */
export async function integration(
  session: Session,
  name: string,
  operation: string,
  data: unknown,
  options: CallOptions = {},
): Promise<unknown> {
  assertNonEmptyString(name, "the integration name");
  assertNonEmptyString(operation, "the integration operation");
  const uri = `workspace/integration/${name}/utility`;
  return resultOf(await session.request("PUT", uri, { data: { operation, data } }, requestOptions(options)));
}
