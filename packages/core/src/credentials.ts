/**
 * Credential resolution: explicit options, else a `.env` file (whose values win over the
 * environment, as in the reference client), else the environment.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { inspect } from "node:util";
import { parse } from "dotenv";
import { AccsynValidationError } from "./errors.js";
import type { SessionOptions } from "./options.js";
import { MASK } from "./redact.js";

/** What a session needs to log in. */
export interface Credentials {
  workspace: string;
  username: string;
  apiKey: string;
  /** True when the deprecated `domain` option supplied the workspace. */
  usedDomainOption: boolean;
  /** The proxy setting from options or `ACCSYN_PROXY`, if any. */
  proxy: string | undefined;
  /** The environment after the `.env` file was applied. */
  env: Record<string, string | undefined>;
}

/** Reads the env file named by the options or the environment, if any. */
export function loadEnvironment(options: SessionOptions): Record<string, string | undefined> {
  const base = options.env ?? process.env;
  const explicit = options.envFile ?? base.ACCSYN_CREDENTIALS_PATH;
  const path = explicit ? resolve(explicit) : resolve(".env");
  if (!existsSync(path)) {
    if (explicit) {
      throw new AccsynValidationError(
        `The credentials file ${path} does not exist. Fix the envFile option or ACCSYN_CREDENTIALS_PATH.`,
      );
    }
    return base;
  }
  let parsed: Record<string, string>;
  try {
    parsed = parse(readFileSync(path));
  } catch (error) {
    throw new AccsynValidationError(`Cannot read the credentials file ${path}: ${(error as Error).message}`);
  }
  return { ...base, ...parsed };
}

function pick(...values: Array<string | undefined>): string | undefined {
  for (const value of values) if (value !== undefined && value !== null) return value;
  return undefined;
}

/** Resolves workspace, user and key; throws {@link AccsynValidationError} saying what to set. */
export function resolveCredentials(options: SessionOptions): Credentials {
  const env = loadEnvironment(options);
  const workspace = pick(options.workspace, options.domain, env.ACCSYN_WORKSPACE, env.ACCSYN_DOMAIN, env.ACCSYN_ORG);
  if (!workspace?.trim()) {
    throw new AccsynValidationError(
      "Please supply your accsyn workspace: pass the `workspace` option or set ACCSYN_WORKSPACE (or put it in a .env file).",
    );
  }
  const username = pick(options.username, env.ACCSYN_API_USER);
  if (!username?.trim()) {
    throw new AccsynValidationError(
      "Please supply your accsyn username (e-mail): pass the `username` option or set ACCSYN_API_USER.",
    );
  }
  const apiKey = pick(options.apiKey, env.ACCSYN_API_KEY);
  if (!apiKey?.trim()) {
    throw new AccsynValidationError(
      "Please supply your accsyn API KEY: pass the `apiKey` option or set ACCSYN_API_KEY (prefer the environment or a .env file to code).",
    );
  }
  const credentials: Credentials = {
    workspace,
    username,
    apiKey,
    usedDomainOption: options.workspace === undefined && options.domain !== undefined,
    proxy: pick(options.proxy, env.ACCSYN_PROXY) || undefined,
    env,
  };
  return maskCredentials(credentials);
}

/** Gives credentials an inspection and JSON form that show user and workspace only (never key or environment). */
function maskCredentials(credentials: Credentials): Credentials {
  const view = () => ({ workspace: credentials.workspace, username: credentials.username, apiKey: MASK, env: MASK });
  Object.defineProperty(credentials, "toJSON", { value: view, enumerable: false });
  Object.defineProperty(credentials, inspect.custom, { value: () => `Credentials ${inspect(view())}`, enumerable: false });
  return credentials;
}
