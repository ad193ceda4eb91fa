/** Reading JSON input for create/update: inline JSON, `@file.json`, or `-` for stdin. */
import { readFile } from "node:fs/promises";
import { usageError } from "./errors.js";

const HOW = "Pass inline JSON ('{\"name\": \"x\"}'), @file.json, or - to read stdin.";

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** The text behind an argument: the argument itself, the file after `@`, or stdin for `-`. */
export async function readInputText(argument: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<{ text: string; source: string }> {
  if (argument === "-") return { text: await readStdin(stdin), source: "stdin" };
  if (argument.startsWith("@")) {
    const file = argument.slice(1);
    try {
      return { text: await readFile(file, "utf8"), source: file };
    } catch (error) {
      throw usageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. ${HOW}`);
    }
  }
  return { text: argument, source: "the argument" };
}

/** Parses the JSON behind an argument; a usage error (exit 2) says where it was wrong. */
export async function readJsonInput(argument: string, stdin?: NodeJS.ReadableStream): Promise<unknown> {
  const { text, source } = await readInputText(argument, stdin);
  if (text.trim() === "") throw usageError(`No JSON in ${source}. ${HOW}`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw usageError(`${source} is not valid JSON (${(error as Error).message}). ${HOW}`);
  }
}

/** Like {@link readJsonInput}, but the value must be a JSON object. */
export async function readJsonObject(argument: string, stdin?: NodeJS.ReadableStream): Promise<Record<string, unknown>> {
  const value = await readJsonInput(argument, stdin);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw usageError(`Expected a JSON object, got ${Array.isArray(value) ? "a list" : typeof value}. ${HOW}`);
  return value as Record<string, unknown>;
}

/** Like {@link readJsonInput}, but the value must be a JSON list. */
export async function readJsonList(argument: string, stdin?: NodeJS.ReadableStream): Promise<Record<string, unknown>[]> {
  const value = await readJsonInput(argument, stdin);
  if (!Array.isArray(value)) throw usageError(`Expected a JSON list, got ${value === null ? "null" : typeof value}. ${HOW}`);
  return value as Record<string, unknown>[];
}

/** `a,b , c` → `["a", "b", "c"]`. */
export function commaList(value: string): string[] {
  return value.split(",").map((item) => item.trim()).filter((item) => item !== "");
}
