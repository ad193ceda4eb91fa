/**
 * Replays every recorded vector of the entity methods against a real HTTP server answering the
 * recorded responses: the events sent, the value returned or the error raised, and the warnings
 * logged must match the recording (under the rules of conformance/CONFORMANCE.md).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AccsynApiError, AccsynError, AccsynNetworkError, AccsynValidationError, Session } from "@accsyn/core";
import { entities } from "@accsyn/entities";
import { describe, expect, it } from "vitest";
import { sessionOptions, startTestServer } from "../../../tests/support/test-server.js";
import { VECTORS_DIR } from "../../../tests/support/vectors-dir.js";
import { inTypeScriptWording } from "../../../tests/conformance/outcome.js";

const VECTORS = VECTORS_DIR;

interface Exchange {
  request: { method: string; path: string; event: Record<string, unknown> | null; gz_data_decoded?: unknown };
  response: { status: number; content_type: string; body_text: string };
}
interface Vector {
  name: string;
  timezone: string;
  session: { role: string; exchanges: Exchange[] } | null;
  files?: Record<string, string>;
  call: { method: string; args: unknown[]; kwargs: Record<string, unknown>; args_after_call?: unknown[] };
  exchanges: Exchange[];
  outcome: { returns?: unknown; raises?: { type: string; message: string } };
  log?: { level: string; message: string }[];
  transport_error?: unknown;
}

/** Positional parameters before the options object, by Python method name. */
const POSITIONAL: Record<string, { name: string; count: number }> = {
  create: { name: "create", count: 2 },
  find: { name: "find", count: 1 },
  find_one: { name: "findOne", count: 1 },
  get_entity: { name: "getEntity", count: 2 },
  report: { name: "report", count: 1 },
  metrics: { name: "metrics", count: 1 },
  update: { name: "update", count: 3 },
  update_one: { name: "updateOne", count: 3 },
  update_many: { name: "updateMany", count: 3 },
  deactivate_one: { name: "deactivateOne", count: 2 },
  offline_one: { name: "offlineOne", count: 2 },
  delete_one: { name: "deleteOne", count: 3 },
  delete_many: { name: "deleteMany", count: 3 },
  activate_one: { name: "activateOne", count: 2 },
  assign: { name: "assign", count: 3 },
  assignments: { name: "assignments", count: 2 },
  deassign: { name: "deassign", count: 3 },
  prepublish: { name: "prepublish", count: 1 },
  integration: { name: "integration", count: 3 },
  get_api_key: { name: "getApiKey", count: 0 },
  app_is_running: { name: "appIsRunning", count: 0 },
  gui_is_running: { name: "guiIsRunning", count: 0 },
  daemon_is_running: { name: "daemonIsRunning", count: 0 },
  server_is_running: { name: "serverIsRunning", count: 0 },
};

/** CONFORMANCE.md: date strings are decoded wherever they are, arrays and top level included. */
const DATES_EVERYWHERE = new Set(["dates__list_of_strings_not_decoded", "dates__top_level_list_not_decoded"]);
const DATE_TEXT = /^(\d{4}|\d{2})-\d\d-\d\dT\d\d:\d\d:\d\d$/;

/** The expected value with date strings inside arrays decoded too. */
function decodeEverywhere(value: unknown): unknown {
  if (typeof value === "string" && DATE_TEXT.test(value)) return new Date(`${value}Z`);
  if (Array.isArray(value)) return value.map(decodeEverywhere);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeEverywhere(v)]));
  }
  return value;
}


const CAMEL: Record<string, string> = { entityid: "entityId" };
const camel = (key: string) => CAMEL[key] ?? key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Turns `$date` / `$calendar_date` markers into Dates and substitutes `<tmpdir>`. */
function revive(value: unknown, dir: string): unknown {
  if (typeof value === "string") return value.replaceAll("<tmpdir>", dir);
  if (Array.isArray(value)) return value.map((v) => revive(v, dir));
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.$date === "string") {
      const text = record.$date;
      return new Date(/(Z|[+-]\d\d:\d\d)$/.test(text) ? text : `${text}Z`);
    }
    if (typeof record.$calendar_date === "string") return new Date(`${record.$calendar_date}T00:00:00Z`);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, revive(v, dir)]));
  }
  return value;
}

/** An event with its volatile fields checked and blanked. */
function normalise(event: Record<string, unknown>, hostname: string): string {
  const copy: Record<string, unknown> = { ...event };
  expect(copy.eid).toMatch(/^([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|<uuid4>)$/);
  expect(copy.created).toMatch(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d|<now-utc>)$/);
  copy.eid = "<uuid4>";
  copy.created = "<now-utc>";
  delete copy.gz_data;
  return JSON.stringify(copy).replaceAll("<hostname>", hostname);
}

const vectors: Vector[] = readdirSync(VECTORS)
  .filter((file) => file.endsWith(".json"))
  .map((file) => JSON.parse(readFileSync(join(VECTORS, file), "utf8")) as Vector)
  .filter((vector) => vector.call.method in POSITIONAL);

describe("recorded vectors of the entity methods", () => {
  it("covers every entity method", () => {
    const covered = new Set(vectors.map((v) => v.call.method));
    expect([...covered].sort()).toEqual(Object.keys(POSITIONAL).sort());
  });

  for (const vector of vectors) {
    it(vector.name, async () => {
      expect(vector.timezone).toBe("UTC");
      const login = vector.session!.exchanges[0]!.response;
      let next = 0;
      const server = await startTestServer((request) => {
        if (request.path === "/api/v3/api/login") return { status: login.status, body: login.body_text, contentType: login.content_type };
        const exchange = vector.exchanges[next++];
        if (!exchange) return { status: 500, body: { message: "unexpected extra request" } };
        return { status: exchange.response.status, body: exchange.response.body_text, contentType: exchange.response.content_type };
      });
      const dir = mkdtempSync(join(tmpdir(), "accsyn-vector-"));
      try {
        for (const [path, content] of Object.entries(vector.files ?? {})) writeFileSync(path.replace("<tmpdir>", dir), content);
        const { options, warnings } = sessionOptions(server);
        const session = new (Session.plugin(entities))(options);
        const { name, count } = POSITIONAL[vector.call.method]!;
        const args = revive(vector.call.args, dir) as unknown[];
        const positional = Array.from({ length: count }, (_, i) => args[i]);
        const callOptions = Object.fromEntries(Object.entries(vector.call.kwargs).map(([k, v]) => [camel(k), revive(v, dir)]));
        const argsBefore = structuredClone(args);
        const method = (session as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!;
        if (vector.transport_error) {
          await session.login();
          await server.close();
        }
        const outcome = await method(...positional, callOptions).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );

        const events = server.events();
        expect(events.map((e) => e.method)).toEqual(vector.exchanges.map((x) => x.request.method));
        events.forEach((recorded, i) => {
          const expected = vector.exchanges[i]!.request;
          expect(normalise(recorded.event, Session.getHostname())).toBe(normalise(expected.event!, Session.getHostname()));
          if (expected.gz_data_decoded === undefined) expect(recorded.gzData).toBeUndefined();
          else expect(recorded.gzData).toEqual(expected.gz_data_decoded);
        });

        if ("raises" in vector.outcome) {
          const raises = vector.outcome.raises!;
          expect("error" in outcome, "the call must fail").toBe(true);
          const error = (outcome as { error: unknown }).error;
          expect(AccsynError.isInstance(error)).toBe(true);
          const message = (error as Error).message;
          if (vector.transport_error) {
            // the wording of transport failures is core's (and depends on refused vs reset)
            expect(error).toBeInstanceOf(AccsynNetworkError);
          } else if (vector.exchanges.length === 0) {
            expect(error).toBeInstanceOf(AccsynValidationError);
            expect(message.startsWith(inTypeScriptWording(raises.message)), message).toBe(true);
          } else {
            expect(error).toBeInstanceOf(AccsynApiError);
            expect(message).toBe(raises.message);
          }
        } else {
          const returns = revive(vector.outcome.returns, dir);
          expect(outcome).toEqual({ value: DATES_EVERYWHERE.has(vector.name) ? decodeEverywhere(returns) : returns });
        }
        expect(args, "arguments are never modified").toEqual(argsBefore);

        // the reference logs the text of an error it raises as a warning; ours is the thrown error only (issue 16)
        const expectedLog = "raises" in vector.outcome ? [] : (vector.log ?? []).map((line) => line.message);
        const extraDeprecations = warnings.filter((w) => w.includes("is deprecated") && !expectedLog.includes(w));
        expect(warnings.filter((w) => !extraDeprecations.includes(w))).toEqual(expectedLog);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await server.close();
      }
    });
  }
});
