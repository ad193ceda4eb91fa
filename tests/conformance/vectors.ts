/**
 * Loads the recorded vectors of the reference Python client: every `*.json` in the repository's
 * `conformance/vectors/` plus every folder named in the colon-separated environment variable
 * `ACCSYN_VECTORS`. Schema: `conformance/vectors/README.md`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Headers as recorded; `null` means the header was absent. */
export type RecordedHeaders = Record<string, string | null>;

/** One request the reference client sent. */
export interface VectorRequest {
  origin: string;
  method: string;
  path: string;
  headers: RecordedHeaders;
  query_raw?: string;
  query_decoded?: unknown;
  body_raw?: string | null;
  event: unknown;
  gz_data_decoded?: unknown;
  gz_header?: unknown;
}

/** The answer the server gave. */
export interface VectorResponse {
  status: number;
  content_type: string | null;
  body_format: "json" | "text";
  body: unknown;
  body_text: string;
  delay_s?: number;
}

/** One request and its answer. */
export interface Exchange {
  request: VectorRequest;
  response: VectorResponse;
}

/** What a call returned or raised. */
export type Outcome = { returns: unknown } | { raises: { type: string; message: string } };

/** A warning the reference logged. */
export interface LogLine {
  level: string;
  message: string;
}

/** A call on the session (or a static method / the constructor). */
export interface VectorCall {
  method: string;
  args?: unknown[];
  kwargs?: Record<string, unknown>;
  static?: boolean;
  args_after_call?: unknown[];
}

/** A step run on the same session before the call under test. */
export interface PriorCall {
  call: VectorCall;
  exchanges: Exchange[];
  outcome: Outcome;
  log?: LogLine[];
}

/** How the session was built. */
export interface VectorSession {
  mode: "dev" | "https" | "https-resolve" | "https-resolve-default-port" | "proxy" | "proxy-env" | string;
  server?: string;
  env?: Record<string, string>;
  master_hostname?: string;
  kwargs?: Record<string, unknown>;
  role?: string;
  exchanges?: Exchange[];
  constructed_in_call?: boolean;
}

/** One recorded vector. */
export interface Vector {
  name: string;
  set?: string;
  description?: string;
  timezone?: string;
  session: VectorSession | null;
  files?: Record<string, string>;
  prior_calls?: PriorCall[];
  call: VectorCall;
  exchanges: Exchange[];
  outcome: Outcome;
  log?: LogLine[];
  stdout?: string;
  transport_error?: string;
  browser_opened?: string[];
}

/** A vector and where it was read from. */
export interface LoadedVector {
  /** Unique test name: the vector's name, prefixed by its folder when names collide. */
  id: string;
  file: string;
  vector: Vector;
}

/** The repository's vector folder: `conformance/vectors/` (a copy of the recorded public vectors). */
export const REPO_VECTORS_DIR = fileURLToPath(new URL("../../conformance/vectors/", import.meta.url));

/** The folders to read: the repository's, then those in `ACCSYN_VECTORS` (colon-separated). */
export function vectorFolders(env: Record<string, string | undefined> = process.env): string[] {
  const extra = (env.ACCSYN_VECTORS ?? "")
    .split(":")
    .map((folder) => folder.trim())
    .filter((folder) => folder !== "")
    .map((folder) => resolve(folder));
  return [REPO_VECTORS_DIR, ...extra];
}

/** Reads every `*.json` vector of the given folders, sorted by file name within a folder. */
export function loadVectors(folders: string[] = vectorFolders()): LoadedVector[] {
  const loaded: LoadedVector[] = [];
  const seen = new Set<string>();
  for (const folder of folders) {
    const files = readdirSync(folder)
      .filter((file) => file.endsWith(".json"))
      .sort();
    for (const file of files) {
      const path = join(folder, file);
      const vector = JSON.parse(readFileSync(path, "utf8")) as Vector;
      vector.name ??= basename(file, ".json");
      const id = seen.has(vector.name) ? `${basename(folder)}/${vector.name}` : vector.name;
      seen.add(vector.name);
      loaded.push({ id, file: path, vector });
    }
  }
  return loaded;
}

/** Every exchange the server must answer, in order: login(s), prior calls, then the call. */
export function allExchanges(vector: Vector): Exchange[] {
  return [
    ...(vector.session?.exchanges ?? []),
    ...(vector.prior_calls ?? []).flatMap((prior) => prior.exchanges),
    ...vector.exchanges,
  ];
}
