/** The one backend operation every file method uses: `workspace/file` with an `op`. */
import type { CallOptions, HttpMethod, Session } from "@accsyn/core";

/** Sends `data` (which carries `op`) to `workspace/file` and returns the answer's `result`. */
export async function fileOperation(
  session: Session,
  method: HttpMethod,
  data: Record<string, unknown>,
  options: CallOptions = {},
): Promise<unknown> {
  const answer = await session.request(method, "workspace/file", { data }, signalOnly(options));
  return answer.result ?? null;
}

/** Keeps only the `signal` of a method's options, for `session.request`. */
export function signalOnly(options: CallOptions): CallOptions {
  return options.signal ? { signal: options.signal } : {};
}
