import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../src/index.js";
import { pyJson, pyQuote } from "./client.js";

/**
 * Replays every request of ../shared/protocol/vectors against a fresh emulator seeded with the vectors' world
 * (test/fixtures/vectors-seed.json holds the ids the vectors use), and checks the answer's shape.
 */
const VECTORS = fileURLToPath(new URL("../../../../shared/protocol/vectors/", import.meta.url));
const SEED = fileURLToPath(new URL("./fixtures/vectors-seed.json", import.meta.url));

interface Exchange {
  request: { method: string; path: string; headers: Record<string, string | null>; query_raw: string; event: Record<string, unknown> };
  response: { body: unknown; body_format: string };
}
interface Vector {
  name: string;
  exchanges?: Exchange[];
  session?: { exchanges?: Exchange[] };
}

/** Vectors whose recorded answer the emulator deliberately does not reproduce, with the shape it gives instead. */
const EXPECTED_INSTEAD: Record<string, { shape: string; why: string }> = {
  integration__ftrack: { shape: "message", why: "integrations are not emulated: a clear message" },
  create__response_without_result_returned_whole: { shape: "result:array", why: "the recording's server answered without result" },
  dates__top_level_list_not_decoded: { shape: "result:array", why: "the recording's server answered a bare list" },
  get_setting__entity_integration_data: { shape: "result:null", why: "integration-mapped settings are not emulated" },
};


/** Per-vector changes of the request so that it applies to the seeded world. */
const ADJUST: Record<string, (ev: Record<string, unknown>) => void> = {
  // carol is seeded (other vectors need her); create a fresh user instead.
  create__json_string: (ev) => ((ev.data as Record<string, unknown>).code = "carol2@acme.example"),
  // `projects` is the seeded default volume; create another.
  create__json_file_path: (ev) => ((ev.data as Record<string, unknown>).code = "projects2"),
  // mkdir__basic needs shots/sh020 absent; rename an existing directory instead.
  rename__basic: (ev) => Object.assign(ev.data as object, { path: "share=projects/shots/sh010", path_to: "share=projects/shots/sh010_old" }),
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

function fill(text: string): string {
  return text.replaceAll("<uuid4>", randomUUID()).replaceAll("<now-utc>", new Date().toISOString().slice(0, 19)).replaceAll("<hostname>", "testhost");
}

const files = readdirSync(VECTORS).filter((f) => f.endsWith(".json")).sort();

describe("vector replay", () => {
  it("finds the vectors", () => {
    expect(files.length).toBeGreaterThan(150);
  });

  for (const file of files) {
    const vector = JSON.parse(readFileSync(VECTORS + file, "utf8")) as Vector;
    const exchanges = [...(vector.session?.exchanges ?? []), ...(vector.exchanges ?? [])];
    if (exchanges.length === 0) continue; // client-side behaviour only: nothing reaches a server
    it(vector.name, async () => {
      const emu = await startEmulator({ port: 0, seed: SEED });
      try {
        let session = "";
        const loginHeaders = { Authorization: `basic ${Buffer.from("alice@acme.example").toString("base64")}:${Buffer.from("ak_public_3f9c2e").toString("base64")}`, "X-Accsyn-Workspace": "acme" };
        const login = async (): Promise<void> => {
          const r = await fetch(`${emu.url}/api/v3/api/login`, { method: "PUT", headers: loginHeaders, body: "{}" });
          session = ((await r.json()) as { result: { session_id: string } }).result.session_id;
        };
        for (const ex of exchanges) {
          const req = ex.request;
          let res: Response;
          if (req.path === "/api/v3/event") {
            if (!session) await login();
            const ev = JSON.parse(fill(JSON.stringify(req.event))) as Record<string, unknown>;
            ev.session = session;
            ADJUST[vector.name]?.(ev);
            const text = pyJson(ev);
            const inQuery = req.method === "GET" || req.method === "DELETE";
            res = await fetch(`${emu.url}${req.path}${inQuery ? `?${pyQuote(text)}` : ""}`, {
              method: req.method, headers: loginHeaders, body: inQuery ? undefined : text,
            });
            const body = (await res.json()) as unknown;
            const uri = String(ev.uri);
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
            if (body.result?.session_id) session = body.result.session_id;
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
