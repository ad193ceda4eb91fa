import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS, type RunningEmulator } from "../src/index.js";
import { type Answer, emulatorWithAdmin, type RawClient } from "./client.js";

let emu: RunningEmulator | undefined;
let admin: RawClient;
beforeAll(async () => {
  ({ emu, admin } = await emulatorWithAdmin({ jobs: { run: false } }));
});
afterAll(() => emu?.stop());

/** JSON text of `{"a": … {"a": {}} … }` nested `levels` deep (built as text: JSON.stringify itself overflows). */
const nestedText = (levels: number): string => `${'{"a":'.repeat(levels - 1)}{}${"}".repeat(levels - 1)}`;

const gz = (text: string): string => gzipSync(Buffer.from(text)).toString("base64");

/** Sends `uri` with `data` as gz_data (base64 gzip of the given JSON text). */
function sendGz(method: string, uri: string, dataText: string, extra: { query?: string } = {}): Promise<Answer> {
  const ev = admin.event(uri, undefined, extra);
  delete ev.data;
  ev.gz_data = gz(dataText);
  return admin.sendEvent(method, ev);
}

describe("limits (src/limits.ts): refused before anything is applied, with a message naming the limit", () => {
  it("refuses metadata nested deeper than jsonDepth with 400, and every later find still answers", async () => {
    const deep = await sendGz("POST", "queue/create", `{"name":"deep","metadata":${nestedText(5000)}}`);
    expect(deep.status).toBe(400);
    expect(String(deep.body.message)).toContain(`limit jsonDepth = ${LIMITS.jsonDepth}`);
    for (let i = 0; i < 3; i++) expect((await admin.call("GET", "queue/find", {})).status).toBe(200);
    expect(await admin.find("queue", "code=deep")).toEqual([]);
  });

  it("accepts exactly jsonDepth levels (gz_data's data object is level 1) and refuses one more", async () => {
    const ok = await sendGz("POST", "queue/create", `{"code":"at-limit","metadata":${nestedText(LIMITS.jsonDepth - 1)}}`);
    expect(ok.status).toBe(200);
    expect((await admin.find("queue", "code=at-limit")).length).toBe(1);
    const over = await sendGz("POST", "queue/create", `{"code":"over-limit","metadata":${nestedText(LIMITS.jsonDepth)}}`);
    expect(over.status).toBe(400);
    expect(String(over.body.message)).toContain("jsonDepth");
  });

  it("counts the depth of the whole event when it travels as JSON (query string or body)", async () => {
    const ev = `{"uri":"queue/create","session":"${admin.session}","data":{"name":"x","metadata":${nestedText(LIMITS.jsonDepth)}}}`;
    const res = await fetch(`${admin.emu.url}/api/v3/event`, { method: "POST", headers: admin.headers(), body: ev });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain("jsonDepth");
  });

  it("refuses gz_data that inflates past bodyBytes with 413", async () => {
    const a = await sendGz("POST", "queue/create", `{"name":"${"a".repeat(LIMITS.bodyBytes)}"}`);
    expect(a.status).toBe(413);
    expect(String(a.body.message)).toContain("limit bodyBytes");
  });

  it("refuses a query longer than queryLength with 400", async () => {
    const a = await admin.call("GET", "user/find", {}, { query: `code=${"x".repeat(LIMITS.queryLength)}` });
    expect(a.status).toBe(400);
    expect(String(a.body.message)).toContain(`limit queryLength = ${LIMITS.queryLength}`);
  });

  it("refuses 100,000 nested parentheses (queryNesting) with 400 and accepts queryNesting levels", async () => {
    const deep = await sendGz("GET", "user/find", "{}", { query: `${"(".repeat(100_000)}code=x${")".repeat(100_000)}` });
    expect(deep.status).toBe(400);
    expect(String(deep.body.message)).toContain(`limit queryNesting = ${LIMITS.queryNesting}`);
    const n = LIMITS.queryNesting;
    const ok = await sendGz("GET", "user/find", "{}", { query: `${"(".repeat(n)}code=admin@acme.test${")".repeat(n)}` });
    expect(ok.status).toBe(200);
    expect(ok.body.result).toHaveLength(1);
  });

  it.each(["and", "or"])("answers a query of 50,000 clauses joined by '%s'", async (joiner) => {
    const clauses = Array.from({ length: 50_000 }, (_, i) => (i === 0 ? "code=admin@acme.test" : `code!=${i}`));
    const a = await sendGz("GET", "user/find", "{}", { query: clauses.join(` ${joiner} `) });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect((a.body.result as unknown[]).length).toBe(joiner === "and" ? 1 : 3);
  });
});
