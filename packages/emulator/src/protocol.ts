import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";
import { ApiError, isObject } from "./util.js";

/** Largest accepted request body (and query string): 64 MiB. Larger bodies answer HTTP 413. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** A decoded API event (the fields the emulator reads). */
export interface ApiEvent {
  uri: string;
  session?: unknown;
  workspace?: unknown;
  data: unknown;
  query?: string;
  id?: string;
}

/** Reads the request body as text, refusing more than {@link MAX_BODY_BYTES}. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      reject(new ApiError(413, `Request body too large (limit ${MAX_BODY_BYTES} bytes)`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, `Request body too large (limit ${MAX_BODY_BYTES} bytes)`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Parses JSON text, answering HTTP 400 with a message on failure. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ApiError(400, `Malformed JSON in ${what}: ${(err as Error).message}`);
  }
}

/** The raw query string of a URL (everything after the first `?`). */
export function rawQuery(url: string): string {
  const i = url.indexOf("?");
  return i < 0 ? "" : url.slice(i + 1);
}

/** Decodes the percent-encoded JSON that forms a whole query string. */
export function decodeQueryJson(raw: string): unknown {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, "Malformed percent-encoding in the query string");
  }
  return parseJson(text, "the query string");
}

/** Inflates `gz_data` (base64 gzip JSON). */
export function inflateGzData(gz: unknown): unknown {
  if (typeof gz !== "string") throw new ApiError(400, "gz_data must be a base64 string");
  let text: string;
  try {
    text = gunzipSync(Buffer.from(gz, "base64")).toString("utf8");
  } catch {
    throw new ApiError(400, "gz_data is not valid base64 gzip data");
  }
  return parseJson(text, "gz_data");
}

/** Validates a decoded value as an event and inflates `gz_data`. */
export function toEvent(value: unknown): ApiEvent {
  if (!isObject(value)) throw new ApiError(400, "The event must be a JSON object");
  if (typeof value.uri !== "string" || value.uri === "") throw new ApiError(400, "The event has no 'uri'");
  const data = "gz_data" in value && value.gz_data !== undefined ? inflateGzData(value.gz_data) : value.data;
  if (value.query !== undefined && value.query !== null && typeof value.query !== "string")
    throw new ApiError(400, "The event's 'query' must be a string");
  if (value.id !== undefined && value.id !== null && typeof value.id !== "string")
    throw new ApiError(400, "The event's 'id' must be a string");
  return {
    uri: value.uri,
    session: value.session,
    workspace: value.workspace,
    data: data ?? null,
    query: typeof value.query === "string" ? value.query : undefined,
    id: typeof value.id === "string" ? value.id : undefined,
  };
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
