import { describe, expect, it } from "vitest";
import { startEmulator } from "../src/index.js";
import { fill, loadVectors, VectorSender, VECTORS_SEED } from "./vectors.js";

/**
 * Replays every request of conformance/vectors against a fresh emulator seeded with the vectors' world
 * (test/fixtures/vectors-seed.json holds the ids the vectors use), and checks the answer's shape.
 */

/**
 * Vectors whose recorded answer the emulator deliberately does not reproduce, with the exact shape it gives
 * instead. Most record the reference client's handling of a failure the recording's server was told to give
 * (their descriptions say so: "HTTP 500 with a JSON message", "Non-JSON answer (HTML 502)", "Login answered with
 * {"exception"}"): the request itself is valid, so the emulator answers it as the service answers that request.
 * Every other vector's answer must have the recorded shape — an error answer (`message`) included.
 */
const FAULT = "the recording's server was told to fail this valid request (client error handling)";
const EXPECTED_INSTEAD: Record<string, { shape: string; why: string }> = {
  integration__ftrack: { shape: "message", why: "integrations are not emulated: a clear message" },
  create__response_without_result_returned_whole: { shape: "result:array", why: "the recording's server answered without result" },
  dates__top_level_list_not_decoded: { shape: "result:array", why: "the recording's server answered a bare list" },
  get_setting__entity_integration_data: { shape: "result:null", why: "integration-mapped settings are not emulated" },
  error__empty_body: { shape: "result:boolean", why: `${FAULT}: HTTP 204, empty body` },
  error__empty_message_hr_falls_back: { shape: "result:boolean", why: `${FAULT}: message "locked"` },
  error__exception_admin: { shape: "result:array", why: `${FAULT}: {"exception"}` },
  error__exception_standard: { shape: "result:array", why: `${FAULT}: {"exception"}` },
  error__http_500_json_message: { shape: "result:boolean", why: `${FAULT}: HTTP 500 "disk full"` },
  error__message: { shape: "result:array", why: `${FAULT}: a find matching nothing answers [] (find__archived, find__limit_skip, …)` },
  error__message_alongside_result_raises: { shape: "result:array", why: `${FAULT}: message next to the result` },
  error__non_json_body: { shape: "result:array", why: `${FAULT}: HTML 502` },
  session__https_resolution_message: { shape: "result:object", why: `${FAULT}: the registry answered "Unknown workspace"` },
  session__login_exception: { shape: "result:object", why: `${FAULT}: login answered {"exception"}` },
  session__login_non_json: { shape: "result:object", why: `${FAULT}: login answered HTTP 503 text` },
  session__login_rejected_message: { shape: "result:object", why: `${FAULT}: login answered 401 with valid credentials` },
  session__login_rejected_message_hr: { shape: "result:object", why: `${FAULT}: login answered 403 with valid credentials` },
  session__login_without_result: { shape: "result:object", why: `${FAULT}: login answered without result` },
};

/**
 * Checks one answer: for the vector's last exchange (the one recorded for its purpose), the shape listed in
 * {@link EXPECTED_INSTEAD}; else the recorded shape. An error answer carries a non-empty message and a 4xx
 * status (bad input never answers 500).
 */
function expectShape(name: string, last: boolean, recorded: string, status: number, body: unknown, what: string): void {
  const got = shapeOf(body);
  const instead = last ? EXPECTED_INSTEAD[name]?.shape : undefined;
  expect(got, `${what} -> ${status} ${JSON.stringify(body)}`).toBe(instead ?? recorded);
  if (got !== "message") return;
  expect(String((body as { message?: unknown }).message ?? ""), what).not.toBe("");
  expect(status, what).toBeGreaterThanOrEqual(400);
  expect(status, what).toBeLessThan(500);
}

function shapeOf(body: unknown): string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return `non-object`;
  const b = body as Record<string, unknown>;
  if ("message" in b || "exception" in b) return "message";
  for (const key of ["result", "report", "api_key"]) {
    if (key in b) {
      const v = b[key];
      return `${key}:${v === null ? "null" : Array.isArray(v) ? "array" : typeof v}`;
    }
  }
  return "other";
}

const vectors = loadVectors();

describe("vector replay", () => {
  it("finds the vectors, and every vector listed as answered differently exists", () => {
    expect(vectors.length).toBeGreaterThan(150);
    const names = new Set(vectors.map((v) => v.name));
    expect(Object.keys(EXPECTED_INSTEAD).filter((n) => !names.has(n))).toEqual([]);
  });

  for (const vector of vectors) {
    const exchanges = [...(vector.session?.exchanges ?? []), ...(vector.exchanges ?? [])];
    if (exchanges.length === 0) continue; // client-side behaviour only: nothing reaches a server
    it(vector.name, async () => {
      const emu = await startEmulator({ port: 0, seed: VECTORS_SEED });
      try {
        const sender = new VectorSender(emu);
        for (const [i, ex] of exchanges.entries()) {
          const last = i === exchanges.length - 1;
          const req = ex.request;
          let res: Response;
          if (req.path === "/api/v3/event") {
            const sent = await sender.sendEvent(vector.name, req);
            res = sent.res;
            const body = sent.body;
            expectShape(vector.name, last, shapeOf(ex.response.body), res.status, body, `${String(sent.event.uri)} ${JSON.stringify(req.event.data)}`);
          } else {
            const url = `${emu.url}${req.path}${req.query_raw ? `?${fill(req.query_raw)}` : ""}`;
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(req.headers)) if (v !== null && k !== "X-Accsyn-Device") headers[k] = v;
            res = await fetch(url, { method: req.method, headers, body: req.method === "GET" ? undefined : "{}" });
            const body = (await res.json()) as { result?: { session_id?: string } };
            if (body.result?.session_id) sender.useSession(body.result.session_id);
            expectShape(vector.name, last, shapeOf(ex.response.body), res.status, body, `${req.method} ${req.path}`);
          }
          expect(res.headers.get("content-type")).toBe("application/json");
        }
      } finally {
        await emu.stop();
      }
    });
  }
});
