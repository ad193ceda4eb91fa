/**
 * `getApiKey`: the user's API key (the backend refuses unless enabled).
 */
import type { CallOptions, Session } from "@accsyn/core";
import { requestOptions } from "./shared.js";

/** Resolves with the user's API key: `GET user/api_key`. */
export async function getApiKey(session: Session, options: CallOptions = {}): Promise<string> {
  const answer = await session.request("GET", "user/api_key", { data: {} }, requestOptions(options));
  return answer.api_key as string;
}
