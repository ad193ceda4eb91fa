import { randomBytes } from "node:crypto";

/** A JSON value as it travels on the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A stored entity: public attributes plus internal fields whose names start with `_`. */
export interface Entity {
  id: string;
  [key: string]: unknown;
}

/** A new 24-character lowercase hex id. */
export function newId(): string {
  return randomBytes(12).toString("hex");
}

/** True for a 24-character lowercase hex id. */
export function isId(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{24}$/.test(value);
}

/** A date as the wire carries it: `YYYY-MM-DDTHH:MM:SS`, UTC. */
export function wireDate(date: Date = new Date()): string {
  return date.toISOString().slice(0, 19);
}

/** A `code` generated from a name: lower case, runs of spaces and odd characters become `-`. */
export function codeFromName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9@._-]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** True for a plain (non-array) object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An error that becomes a JSON `{"message"}` answer with an HTTP status. */
export class ApiError extends Error {
  /** HTTP status to answer with. */
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

/** Shorthands for the common errors. */
export const fail = {
  bad: (message: string): never => {
    throw new ApiError(400, message);
  },
  forbidden: (message = "Permission denied"): never => {
    throw new ApiError(403, message);
  },
  notFound: (message: string): never => {
    throw new ApiError(404, message);
  },
  conflict: (message: string): never => {
    throw new ApiError(409, message);
  },
};
