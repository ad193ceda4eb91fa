import { describe, expect, it } from "vitest";
import { startEmulator } from "../src/index.js";
import { fill, loadVectors, VectorSender, VECTORS_SEED } from "./vectors.js";

/**
 * Replays every request of conformance/vectors against a fresh emulator seeded with the vectors' world
 * (test/fixtures/vectors-seed.json holds the ids the vectors use), and checks the answer's shape.
 */

/** Vectors whose recorded answer the emulator deliberately does not reproduce, with the shape it gives instead. */
const EXPECTED_INSTEAD: Record<string, { shape: string; why: string }> = {
  integration__ftrack: { shape: "message", why: "integrations are not emulated: a clear message" },
  create__response_without_result_returned_whole: { shape: "result:array", why: "the recording's server answered without result" },
  dates__top_level_list_not_decoded: { shape: "result:array", why: "the recording's server answered a bare list" },
  get_setting__entity_integration_data: { shape: "result:null", why: "integration-mapped settings are not emulated" },
};


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
  it("finds the vectors", () => {
    expect(vectors.length).toBeGreaterThan(150);
  });

  for (const vector of vectors) {
    const exchanges = [...(vector.session?.exchanges ?? []), ...(vector.exchanges ?? [])];
    if (exchanges.length === 0) continue; // client-side behaviour only: nothing reaches a server
    it(vector.name, async () => {
      const emu = await startEmulator({ port: 0, seed: VECTORS_SEED });
      try {
        const sender = new VectorSender(emu);
        for (const ex of exchanges) {
          const req = ex.request;
          let res: Response;
          if (req.path === "/api/v3/event") {
            const sent = await sender.sendEvent(vector.name, req);
            res = sent.res;
            const body = sent.body;
            const uri = String(sent.event.uri);
            const recorded = shapeOf(ex.response.body);
            const got = shapeOf(body);
            const override = EXPECTED_INSTEAD[vector.name];
            if (override) expect(got, JSON.stringify(body)).toBe(override.shape);
            else if (["message", "other", "non-object"].includes(recorded) || ex.response.body_format !== "json") expect(["message", "result:array", "result:object", "result:boolean", "result:null", "result:string"]).toContain(got);
            else expect(got, `${uri} ${JSON.stringify(req.event.data)} -> ${JSON.stringify(body)}`).toBe(recorded);
          } else {
            const url = `${emu.url}${req.path}${req.query_raw ? `?${fill(req.query_raw)}` : ""}`;
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(req.headers)) if (v !== null && k !== "X-Accsyn-Device") headers[k] = v;
            res = await fetch(url, { method: req.method, headers, body: req.method === "GET" ? undefined : "{}" });
            const body = (await res.json()) as { result?: { session_id?: string } };
            if (body.result?.session_id) sender.useSession(body.result.session_id);
            const recorded = shapeOf(ex.response.body);
            if (recorded.startsWith("result:") && ex.response.body_format === "json" && shapeOf(body) !== "message") expect(shapeOf(body)).toBe(recorded);
            else expect(["message", "result:object"]).toContain(shapeOf(body));
          }
          expect(res.headers.get("content-type")).toBe("application/json");
        }
      } finally {
        await emu.stop();
      }
    });
  }
});
