/**
 * Wire conformance: every recorded vector of the reference Python client (conformance/vectors
 * and the folders in ACCSYN_VECTORS) replayed against `Session` from `@accsyn/api` over a real
 * local HTTP(S) server, under the rules of conformance/CONFORMANCE.md.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Matcher, eventUri } from "./compare.js";
import type { ErrorClassName } from "./outcome.js";
import { substitute, type ReplayContext } from "./mapping.js";
import type { Plan } from "./plan.js";
import { runVector, type PlanAdjuster } from "./run.js";
import { loadVectors, type Exchange, type Vector } from "./vectors.js";

/** Vectors not run, each with its reason. Never for a missing method. */
const SKIP: Record<string, string> = {};

const VALID_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{3})?$/;

/** A date string as the protocol decodes it when valid (UTC), else undefined. */
function validDate(text: string): Date | undefined {
  const match = VALID_DATE.exec(text);
  if (!match) return undefined;
  const date = new Date(`${text.slice(0, 19)}${match[7] ?? ""}Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== text.slice(0, 19) ? undefined : date;
}

/** Expected value with date strings decoded wherever they are (arrays and top level too). */
function decodeDatesEverywhere(value: unknown): unknown {
  if (typeof value === "string") return validDate(value) ?? value;
  if (Array.isArray(value)) return value.map(decodeDatesEverywhere);
  if (value && typeof value === "object" && !(value instanceof Date) && !(value instanceof Matcher)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decodeDatesEverywhere(item)]));
  }
  return value;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => strings(item, out));
  else if (value && typeof value === "object") Object.values(value).forEach((item) => strings(item, out));
  return out;
}

const lastEventUri = (exchanges: Exchange[]) => eventUri(exchanges[exchanges.length - 1]?.request.event) ?? "event";
const raises = (classes: ErrorClassName[], includes: string[] = []): Plan["expectation"] => ({ kind: "raises", classes, includes });

/** Our rule for a newline in a query: it counts as a space (the reference deletes it). */
function newlineAsSpace(plan: Plan, vector: Vector, ctx: ReplayContext): void {
  const text = String(vector.call.args?.[0] ?? "").replace(/\n/g, " ").trim().replace(/\t/g, " ");
  const match = /^(\S+)\s+WHERE\s([\s\S]*)$/i.exec(text);
  const uri = `${(match?.[1] ?? text).toLowerCase()}/find`;
  const query = match?.[2]?.toLowerCase();
  const login = vector.session?.exchanges?.[0];
  const sessionId = (JSON.parse(login?.response.body_text ?? "{}") as { result?: { session_id?: string } }).result?.session_id;
  const template: Exchange = vector.exchanges[0] ?? {
    request: {
      origin: "",
      method: "GET",
      path: "/api/v3/event",
      headers: login?.request.headers ?? {},
      event: {
        audience: "api", workspace: substitute(String(vector.session?.kwargs?.workspace ?? ""), ctx), eid: "<uuid4>", session: sessionId,
        uri, ident: vector.session?.kwargs?.username, created: "<now-utc>", hostname: "<hostname>", data: {},
      },
    },
    response: { status: 200, content_type: "application/json", body_format: "json", body: { result: [] }, body_text: '{"result": []}' },
  };
  const event: Record<string, unknown> = { ...(template.request.event as Record<string, unknown>), uri };
  if (query === undefined) delete event.query;
  else event.query = query;
  const exchange = { ...template, request: { ...template.request, event } };
  plan.exchanges = [...plan.exchanges.slice(0, plan.exchanges.length - plan.callExchanges.length), exchange];
  plan.callExchanges = [exchange];
  if (vector.exchanges.length === 0) plan.expectation = { kind: "returns", value: [] };
}

/**
 * CONFORMANCE.md "Where we deliberately differ", as a table: vector name (or a rule) → what we
 * expect instead, applied to the plan the vector would otherwise give.
 */
const DELIBERATE: Array<{ vectors: string; weDo: string; applies: (v: Vector) => boolean; adjust: PlanAdjuster }> = [
  {
    vectors: "get_last_message__after_error",
    weDo: "returns the last error's message",
    applies: (v) => v.name === "get_last_message__after_error",
    adjust: (plan, v) => {
      const failed = [...(v.prior_calls ?? [])].reverse().find((prior) => "raises" in prior.outcome);
      plan.expectation = { kind: "returns", value: failed && "raises" in failed.outcome ? failed.outcome.raises.message : null };
    },
  },
  {
    vectors: "create__* and prepublish__* with args_after_call",
    weDo: "never mutates arguments; requests still as recorded",
    applies: (v) => v.call.args_after_call !== undefined,
    adjust: (plan) => void (plan.argsUnchanged = true),
  },
  {
    vectors: "help__opens_documentation",
    weDo: "prints the documentation address; opens nothing; returns nothing",
    applies: (v) => v.name === "help__opens_documentation",
    adjust: (plan) => {
      plan.expectation = { kind: "returns", value: new Matcher("nothing", (a) => (a === undefined || a === null ? undefined : "help() returned a value")) };
      plan.checkStdout = (printed) => (/https?:\/\/\S+/.test(printed) ? undefined : `help() printed no documentation address: ${JSON.stringify(printed)}`);
    },
  },
  {
    vectors: "dates__list_of_strings_not_decoded, dates__top_level_list_not_decoded",
    weDo: "decodes date strings wherever they are (objects, arrays, top level)",
    applies: (v) => ["dates__list_of_strings_not_decoded", "dates__top_level_list_not_decoded"].includes(v.name),
    adjust: (plan) => {
      if (plan.expectation.kind === "returns") plan.expectation.value = decodeDatesEverywhere(plan.expectation.value);
    },
  },
  {
    vectors: "dates__bad_millis_separator_fails, dates__invalid_calendar_date_fails, dates__non_ascii_suffix_fails, dates__three_digit_year_fails",
    weDo: "such a string is left as it is; the rest of the answer is returned",
    applies: (v) => /^dates__(bad_millis_separator|invalid_calendar_date|non_ascii_suffix|three_digit_year)_fails$/.test(v.name),
    adjust: (plan) => {
      const answer = plan.callExchanges[plan.callExchanges.length - 1]?.response.body_text ?? "null";
      const undecodable = strings(JSON.parse(answer)).filter((s) => /^\d{2,4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(s) && !validDate(s));
      plan.expectation = {
        kind: "returns",
        value: new Matcher("the answer with undecodable date strings left as they are", (actual) => {
          const found = strings(actual);
          const missing = undecodable.filter((s) => !found.includes(s));
          return missing.length ? `lacks the strings ${JSON.stringify(missing)}` : undefined;
        }),
      };
    },
  },
  {
    vectors: "error__json_null_body, error__json_string_body",
    weDo: "AccsynProtocolError naming the uri",
    applies: (v) => ["error__json_null_body", "error__json_string_body"].includes(v.name),
    adjust: (plan) => void (plan.expectation = raises(["AccsynProtocolError"], [lastEventUri(plan.callExchanges)])),
  },
  {
    vectors: "find__where_newline_is_deleted, find__where_newline_breaks_where",
    weDo: "a newline counts as a space",
    applies: (v) => ["find__where_newline_is_deleted", "find__where_newline_breaks_where"].includes(v.name),
    adjust: newlineAsSpace,
  },
  {
    vectors: "session__empty_username_env_accepted",
    weDo: "AccsynValidationError asking for the user; nothing is sent",
    applies: (v) => v.name === "session__empty_username_env_accepted",
    adjust: (plan) => {
      plan.exchanges = [];
      plan.callExchanges = [];
      plan.constructInCall = true;
      plan.expectation = raises(["AccsynValidationError"], ["ACCSYN_API_USER"]);
    },
  },
  // "any vector whose request carried Python's verify=False": every https* session here verifies
  // the test server's certificate through the `ca` option (mapping.ts); insecureTls is never set.
];

/**
 * How reference errors whose text is about the Python implementation map onto our error classes.
 * These are not behaviour differences: the guidance is the same, in our words.
 */
const INTERPRETATIONS: Record<string, { reason: string; adjust: PlanAdjuster }> = {
  session__missing_workspace: {
    reason: "our message names the option and the variable to set",
    adjust: (plan) => void (plan.expectation = raises(["AccsynValidationError"], ["workspace", "ACCSYN_WORKSPACE"])),
  },
  session__missing_api_key: {
    reason: "our message names the option and the variable to set",
    adjust: (plan) => void (plan.expectation = raises(["AccsynValidationError"], ["apiKey", "ACCSYN_API_KEY"])),
  },
  session__login_without_result: {
    reason: "a Python assertion on its variable; for us the login answer lacks the promised result",
    adjust: (plan) => void (plan.expectation = raises(["AccsynProtocolError", "AccsynApiError"], ["result"])),
  },
  session__https_resolution_without_hostname: {
    reason: "a Python assertion on its variable; for us the registry answer lacks the promised hostname",
    adjust: (plan) => void (plan.expectation = raises(["AccsynProtocolError", "AccsynApiError"], ["hostname", "acme"])),
  },
};

function adjusterFor(vector: Vector): PlanAdjuster | undefined {
  const rows = DELIBERATE.filter((row) => row.applies(vector)).map((row) => row.adjust);
  const interpretation = INTERPRETATIONS[vector.name];
  if (interpretation) rows.push(interpretation.adjust);
  return rows.length ? (plan, v, ctx) => rows.forEach((adjust) => adjust(plan, v, ctx)) : undefined;
}

const vectors = loadVectors();
const tally = { passed: 0, failed: 0, skipped: 0 };

describe("conformance with the reference client's vectors", () => {
  it("has vectors to replay", () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  for (const { id, vector } of vectors) {
    const reason = SKIP[vector.name];
    if (reason) {
      tally.skipped++;
      // A skip is counted in the summary and shown with its written reason; it never hides silently.
      it(`${id} is skipped: ${reason}`, () => expect(reason.trim()).not.toBe(""));
      continue;
    }
    it(id, async () => {
      let problems: string[];
      try {
        problems = await runVector(vector, adjusterFor(vector));
      } catch (error) {
        problems = [`harness error: ${(error as Error).stack ?? String(error)}`];
      }
      if (problems.length === 0) tally.passed++;
      else tally.failed++;
      if (problems.length > 0) expect.fail(`${vector.name} (${vector.description ?? ""})\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    });
  }

  afterAll(() => {
    const total = tally.passed + tally.failed + tally.skipped;
    console.log(`conformance: ${total} vectors, ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
  });
});
