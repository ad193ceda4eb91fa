/**
 * Credential resolution: explicit options first. Then, following the dotenv convention, a
 * variable already set in the environment wins over an implicit `./.env`; an env file named
 * explicitly (the `envFile` option or `ACCSYN_CREDENTIALS_PATH`) wins over the environment, as in
 * the reference client (which lets `./.env` win too). Where each value came from is kept for the
 * debug log.
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
  /** Where workspace, username, API key and proxy came from, e.g. `workspace from ACCSYN_WORKSPACE (./.env)` (no values). */
  sources: string[];
}

/** The environment with the env file applied, and which variables the file supplied. */
export interface LoadedEnvironment {
  env: Record<string, string | undefined>;
  /** The env file read, if any. */
  file: string | undefined;
  /** The variables whose value came from the file. */
  fromFile: ReadonlySet<string>;
}

/**
 * Reads the env file named by the options or `ACCSYN_CREDENTIALS_PATH` (its values win over the
 * environment), else `./.env` when present (the environment wins over it: dotenv convention).
 */
export function loadEnvironment(options: SessionOptions): LoadedEnvironment {
  const base = options.env ?? process.env;
  const explicit = options.envFile ?? base.ACCSYN_CREDENTIALS_PATH;
  const path = explicit ? resolve(explicit) : resolve(".env");
  if (!existsSync(path)) {
    if (explicit) {
      throw new AccsynValidationError(
        `The credentials file ${path} does not exist. Fix the envFile option or ACCSYN_CREDENTIALS_PATH.`,
      );
    }
    return { env: base, file: undefined, fromFile: new Set() };
  }
  let parsed: Record<string, string>;
  try {
    parsed = parse(readFileSync(path));
  } catch (error) {
    throw new AccsynValidationError(`Cannot read the credentials file ${path}: ${(error as Error).message}. Fix its permissions or point envFile elsewhere.`);
  }
  const fileWins = (key: string) => Boolean(explicit) || base[key] === undefined;
  const fromFile = new Set(Object.keys(parsed).filter(fileWins));
  const env = { ...base };
  for (const key of fromFile) env[key] = parsed[key];
  return { env, file: path, fromFile };
}

/** The first value given, with the name of its source (an option, or an environment variable). */
function pickNamed(candidates: ReadonlyArray<readonly [string, string | undefined]>): [string | undefined, string | undefined] {
  for (const [name, value] of candidates) if (value !== undefined && value !== null) return [value, name];
  return [undefined, undefined];
}

/** Resolves workspace, user and key; throws {@link AccsynValidationError} saying what to set. */
export function resolveCredentials(options: SessionOptions): Credentials {
  const loaded = loadEnvironment(options);
  const { env } = loaded;
  const sources: string[] = [];
  const from = (what: string, name: string | undefined) => {
    if (name === undefined) return;
    const where = name.startsWith("ACCSYN_") ? (loaded.fromFile.has(name) ? `${name} in ${loaded.file}` : `${name} (environment)`) : `the ${name} option`;
    sources.push(`${what} from ${where}`);
  };
  const [workspace, workspaceFrom] = pickNamed([["workspace", options.workspace], ["domain", options.domain], ["ACCSYN_WORKSPACE", env.ACCSYN_WORKSPACE], ["ACCSYN_DOMAIN", env.ACCSYN_DOMAIN], ["ACCSYN_ORG", env.ACCSYN_ORG]]);
  if (!workspace?.trim()) {
    throw new AccsynValidationError(
      "Please supply your accsyn workspace: pass the `workspace` option or set ACCSYN_WORKSPACE (or put it in a .env file).",
    );
  }
  const [username, usernameFrom] = pickNamed([["username", options.username], ["ACCSYN_API_USER", env.ACCSYN_API_USER]]);
  if (!username?.trim()) {
    throw new AccsynValidationError(
      "Please supply your accsyn username (e-mail): pass the `username` option or set ACCSYN_API_USER.",
    );
  }
  const [apiKey, apiKeyFrom] = pickNamed([["apiKey", options.apiKey], ["ACCSYN_API_KEY", env.ACCSYN_API_KEY]]);
  if (!apiKey?.trim()) {
    throw new AccsynValidationError(
      "Please supply your accsyn API KEY: pass the `apiKey` option or set ACCSYN_API_KEY (prefer the environment or a .env file to code).",
    );
  }
  const [proxy, proxyFrom] = pickNamed([["proxy", options.proxy], ["ACCSYN_PROXY", env.ACCSYN_PROXY]]);
  from("workspace", workspaceFrom);
  from("username", usernameFrom);
  from("API key", apiKeyFrom);
  if (proxy) from("proxy", proxyFrom);
  const endpointOptions = { ACCSYN_HOSTNAME: options.hostname, ACCSYN_PORT: options.port, ACCSYN_PROTOCOL: options.protocol };
  for (const [name, option] of Object.entries(endpointOptions)) {
    if (option === undefined && env[name] !== undefined) from(name.slice("ACCSYN_".length).toLowerCase(), name);
  }
  const credentials: Credentials = {
    workspace,
    username,
    // the key is judged trimmed above: the same trimmed key is sent and masked
    apiKey: apiKey.trim(),
    usedDomainOption: options.workspace === undefined && options.domain !== undefined,
    proxy: proxy || undefined,
    env,
    sources,
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
