/**
 * The headers every call to the backend carries: the `basic` Authorization of user and API key
 * (each base64-encoded, as the protocol has it), the workspace and the device.
 */
import { hostname } from "node:os";
import { VERSION } from "./version.js";

/** Who calls, for {@link authHeaders}. */
export interface CallerIdentity {
  username: string;
  /** The key exactly as the session authenticates with it (trimmed). */
  apiKey: string;
  workspace: string;
}

/** The `X-Accsyn-Device` header value: this SDK, its version and the machine. */
export function deviceName(): string {
  return `accsyn-ts v${VERSION} @ ${process.platform} ${hostname()}(node ${process.versions.node})`;
}

/** The fixed headers of one session (copy them per request: got may add to them). */
export function authHeaders({ username, apiKey, workspace }: CallerIdentity, device: string): Record<string, string> {
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  return {
    Authorization: `basic ${b64(username)}:${b64(apiKey)}`,
    "X-Accsyn-Workspace": workspace,
    "X-Accsyn-Device": device,
  };
}
