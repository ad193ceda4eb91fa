/**
 * Maps a vector onto the TypeScript API (CONFORMANCE.md "Mapping"): Python method names to the
 * camelCase names of API.md, Python arguments to TS positional parameters or the trailing options
 * object (by parameter name, from the reference signatures), placeholders and special values
 * (`$date`, `$calendar_date`, `<tmpdir>`, `<cwd>`, `<port>`) to real values, and the vector's
 * session to `SessionOptions`.
 */
import { hostname as osHostname } from "node:os";
import type { Logger, SessionOptions } from "@accsyn/core";
import type { Vector, VectorCall } from "./vectors.js";

/** Values that stand in for placeholders while one vector runs. */
export interface ReplayContext {
  port: number;
  tmpdir: string;
  cwd: string;
  timezone: string;
}

/** How one Python method maps to TypeScript. */
export interface MethodMapping {
  /** TypeScript name (instance method, or static when `isStatic`). */
  ts: string;
  /** Python parameter names in Python positional order (reference signature). */
  py: string[];
  /** Python names that are positional in TS, in TS order; every other one goes to the options object. */
  positional: string[];
  isStatic?: boolean;
}

const m = (ts: string, py: string[], positional: string[] = py, isStatic = false): MethodMapping => ({ ts, py, positional, isStatic });
const FIND = ["query", "entityid", "attributes", "finished", "inactive", "offline", "archived", "limit", "skip", "create", "update", "single_entity_query"];
const PATH_FILTERS = ["path", "include", "exclude"];
const LS = ["path", "recursive", "maxdepth", "getsize", "files_only", "directories_only", "include", "exclude"];
const ID2 = ["entitytype", "entityid"];
const ID3 = ["entitytype", "entityid", "data"];
const ASSIGN = ["entitytype_parent", "entitytype", "data"];
const ACL = ["entitytype", "entityid", "targettype", "targetid"];

/** Python method → TypeScript, per the root README's API section and the reference signatures. */
export const METHODS: Record<string, MethodMapping> = {
  create: m("create", ["entitytype", "data", "entityid", "allow_duplicates", "replace_duplicates"], ["entitytype", "data"]),
  find: m("find", FIND, ["query"]),
  find_one: m("findOne", FIND.slice(0, 7), ["query"]),
  get_entity: m("getEntity", ID2),
  report: m("report", ["query"]),
  metrics: m("metrics", ["query", "attributes", "time"], ["query"]),
  update: m("update", ID3),
  update_one: m("updateOne", ID3),
  update_many: m("updateMany", ID3),
  assign: m("assign", ASSIGN),
  assignments: m("assignments", ID2),
  deassign: m("deassign", ASSIGN),
  grant: m("grant", [...ACL, "data"]),
  access: m("access", ["targettype", "targetid", "recursive"], ["targettype", "targetid"]),
  revoke: m("revoke", ACL),
  offline_one: m("offlineOne", ID2),
  deactivate_one: m("deactivateOne", ID2),
  delete_one: m("deleteOne", ID3),
  delete_many: m("deleteMany", ID3),
  activate_one: m("activateOne", ["entitytype", "entityident"]),
  ls: m("ls", LS, ["path"]),
  getsize: m("getSize", PATH_FILTERS, ["path"]),
  exists: m("exists", ["path"]),
  mkdir: m("mkdir", ["path"]),
  rename: m("rename", ["path", "path_to"]),
  mv: m("mv", ["path_src", "path_dst"]),
  delete: m("delete", ["path", "force"], ["path"]),
  prepublish: m("prepublish", ["data"]),
  get_setting: m("getSetting", ["name", "entitytype", "entityid", "integration", "data"], ["name"]),
  get_settings: m("getSettings", ["entitytype", "entityid", "recursive", "upstream", "omit_defaults", "share"], []),
  set_setting: m("setSetting", ["entitytype", "name", "value", "entityid"], ["entitytype", "name", "value"]),
  delete_setting: m("deleteSetting", ["entitytype", "name", "entityid"], ["entitytype", "name"]),
  logs: m("logs", ["entitytype", "entityid", "search", "sort", "sort_reverse", "pagination_page", "pagination_limit", "pagination_skip"], []),
  get_api_key: m("getApiKey", []),
  app_is_running: m("appIsRunning", []),
  gui_is_running: m("guiIsRunning", []),
  daemon_is_running: m("daemonIsRunning", []),
  server_is_running: m("serverIsRunning", []),
  integration: m("integration", ["name", "operation", "data"]),
  get_last_message: m("getLastMessage", []),
  help: m("help", []),
  dump: m("dump", ["d", "indent"], ["d", "indent"], true),
  str: m("str", ["d", "indent"], ["d", "indent"], true),
  get_hostname: m("getHostname", [], [], true),
};

/** Option keys whose camelCase is not the mechanical one (API.md). */
const OPTION_NAMES: Record<string, string> = {
  entityid: "entityId",
  maxdepth: "maxDepth",
  getsize: "getSize",
  pagination_page: "page",
  pagination_limit: "limit",
  pagination_skip: "skip",
};

/** snake_case → camelCase, with the API.md exceptions. */
export function optionName(python: string): string {
  return OPTION_NAMES[python] ?? python.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Replaces the placeholders that stand for a value of this run — `<port>`, `<tmpdir>`, `<cwd>`,
 * `<hostname>` — wherever they are in a text: arguments, files, expected values, messages and the
 * answers the replay server sends (conformance/vectors/README.md, "Placeholders"). `<uuid4>` and
 * `<now-utc>` are rules, not values: compare.ts matches them.
 */
export function substitute(text: string, ctx: ReplayContext): string {
  return text
    .replaceAll("<port>", String(ctx.port))
    .replaceAll("<tmpdir>", ctx.tmpdir)
    .replaceAll("<cwd>", ctx.cwd)
    .replaceAll("<hostname>", osHostname());
}

/** Offset of `timeZone` from UTC at `instant`, in ms (whole seconds). */
function zoneOffsetMs(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The instant of a Python `isoformat()` text: with an offset as given; without one, the local
 * ("naive") wall time in `timeZone` (CONFORMANCE.md), computed with Intl so the process TZ is irrelevant.
 */
export function isoToDate(text: string, timeZone: string): Date {
  const match = ISO.exec(text);
  if (!match) throw new Error(`Unreadable $date/$calendar_date in vector: ${text}`);
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = match;
  const ms = Math.floor(Number(frac.padEnd(6, "0")) / 1000);
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone) {
    const sign = zone === "Z" ? 0 : zone.startsWith("-") ? -1 : 1;
    const offset = zone === "Z" ? 0 : sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
    return new Date(wall - offset);
  }
  let instant = wall;
  for (let i = 0; i < 3; i++) instant = wall - zoneOffsetMs(timeZone, instant);
  return new Date(instant);
}

/** Turns a vector value into a real argument: `$date`/`$calendar_date` → Date, placeholders substituted. */
export function materialise(value: unknown, ctx: ReplayContext): unknown {
  if (typeof value === "string") return substitute(value, ctx);
  if (Array.isArray(value)) return value.map((item) => materialise(item, ctx));
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.$date === "string" && Object.keys(record).length === 1) return isoToDate(record.$date, ctx.timezone);
    if (typeof record.$calendar_date === "string" && Object.keys(record).length === 1) {
      return isoToDate(`${record.$calendar_date}T00:00:00`, ctx.timezone);
    }
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, materialise(item, ctx)]));
  }
  return value;
}

/** A call ready to make: the TS name, its arguments, and whether it is static. */
export interface MappedCall {
  mapping: MethodMapping;
  /** Positional arguments (the options object last, when any option was given). */
  args: unknown[];
  /** The positional arguments alone (to check they were not mutated). */
  positional: unknown[];
}

/**
 * Where the TS API deliberately asks for more than the reference, the vector's call is given the
 * reference's meaning so its wire still applies: `grant` on a share needs `read` and `write`
 * (issue 28; the reference takes true for either when left out), so a vector's data without them
 * is replayed with `true`. Recipient grants take the data as it is.
 */
function applyDocumentedDefaults(method: string, byName: Map<string, unknown>): void {
  const data = byName.get("data");
  const target = byName.get("targettype");
  const toShare = typeof target === "string" && ["volume", "folder", "home", "collection"].includes(target.trim().toLowerCase());
  if (method === "grant" && toShare && typeof data === "object" && data !== null && !Array.isArray(data) && Object.keys(data).length > 0) {
    byName.set("data", { read: true, write: true, ...data });
  }
}

/** Maps a Python call onto the TypeScript method per API.md. */
export function mapCall(call: VectorCall, ctx: ReplayContext): MappedCall {
  const mapping = METHODS[call.method];
  if (!mapping) throw new Error(`No TypeScript mapping for Python method '${call.method}' (add it to METHODS in mapping.ts)`);
  const byName = new Map<string, unknown>();
  (call.args ?? []).forEach((arg, index) => {
    const name = mapping.py[index];
    if (name === undefined) throw new Error(`${call.method}: too many positional arguments in the vector`);
    byName.set(name, materialise(arg, ctx));
  });
  for (const [name, value] of Object.entries(call.kwargs ?? {})) byName.set(name, materialise(value, ctx));
  applyDocumentedDefaults(call.method, byName);
  const positional = mapping.positional.map((name) => byName.get(name));
  const lastGiven = mapping.positional.reduce((last, name, index) => (byName.has(name) ? index : last), -1);
  const options: Record<string, unknown> = {};
  for (const [name, value] of byName) if (!mapping.positional.includes(name)) options[optionName(name)] = value;
  const hasOptions = Object.keys(options).length > 0;
  const args = hasOptions ? [...positional, options] : positional.slice(0, lastGiven + 1);
  return { mapping, args, positional: positional.slice(0, lastGiven + 1) };
}

/** Python `Session(...)` keyword → TS option (seconds become milliseconds). */
function sessionOption(key: string, value: unknown): [string, unknown] {
  switch (key) {
    case "api_key":
      return ["apiKey", value];
    case "path_envfile":
      return ["envFile", value];
    case "path_logfile":
      return ["logFile", value];
    case "timeout":
      return ["timeoutMs", Number(value) * 1000];
    case "connect_timeout":
      return ["connectTimeoutMs", Number(value) * 1000];
    case "port":
      return ["port", Number(value)];
    default:
      return [optionName(key), value];
  }
}

/** The session options for a vector: its kwargs and env, pointed at the replay server. */
export function sessionOptions(vector: Vector, ctx: ReplayContext, extra: { ca: string; logger: Logger }): SessionOptions {
  const session = vector.session;
  if (!session) throw new Error("static vectors have no session");
  const kwargs = (session.constructed_in_call ? vector.call.kwargs : session.kwargs) ?? {};
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(kwargs)) {
    const [name, mapped] = sessionOption(key, materialise(value, ctx));
    options[name] = mapped;
  }
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(session.env ?? {})) if (key !== "AS_DEV") env[key] = substitute(value, ctx);
  const local = `127.0.0.1`;
  if (session.mode === "dev") Object.assign(options, { hostname: local, port: ctx.port, protocol: "http" });
  else if (session.mode === "https") Object.assign(options, { hostname: local, port: ctx.port, protocol: "https", ca: extra.ca });
  else if (session.mode.startsWith("https-resolve")) Object.assign(options, { registry: `https://${local}:${ctx.port}`, ca: extra.ca });
  else if (!session.mode.startsWith("proxy")) throw new Error(`Unknown session mode '${session.mode}'`);
  return { ...options, env, retries: 0, logger: extra.logger } as SessionOptions;
}
