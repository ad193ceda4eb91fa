import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";
import { checkJsonKeys, checkJsonText, checkQueryLength, LimitError, LIMITS } from "./limits.js";
import type { ApiEvent } from "./context.js";
import { ApiError, isObject } from "./util.js";

export type { ApiEvent } from "./context.js";

/** Largest accepted request body (and query string, and inflated `gz_data`): {@link LIMITS.bodyBytes}. Larger answer HTTP 413. */
export const MAX_BODY_BYTES = LIMITS.bodyBytes;

/** Reads the request body as text, refusing more than {@link MAX_BODY_BYTES}. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      reject(new LimitError("bodyBytes", `The request body is ${declared} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new LimitError("bodyBytes", `The request body is over ${MAX_BODY_BYTES} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Parses JSON text within the {@link LIMITS} (depth, no `__proto__` key), answering HTTP 400 with a message on failure. */
export function parseJson(text: string, what: string): unknown {
  checkJsonText(text, `The JSON in ${what}`);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    throw new ApiError(400, `Malformed JSON in ${what}: ${(err as Error).message}`);
  }
  checkJsonKeys(value, `The JSON in ${what}`);
  return value;
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
    text = gunzipSync(Buffer.from(gz, "base64"), { maxOutputLength: MAX_BODY_BYTES }).toString("utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new LimitError("bodyBytes", "gz_data inflates to more bytes than allowed");
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
  if (typeof value.query === "string") checkQueryLength(value.query);
  return {
    uri: value.uri,
    session: value.session,
    workspace: value.workspace,
    data: data ?? null,
    query: typeof value.query === "string" ? value.query : undefined,
    id: typeof value.id === "string" ? value.id : undefined,
  };
}

/** An answer already serialised to JSON text. */
export class JsonText {
  constructor(
    /** The JSON text. */
    readonly text: string,
  ) {}
}

/** Sends a JSON answer (a value, or {@link JsonText}). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = body instanceof JsonText ? body.text : JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
