// Answers past 4 MiB are decoded while they arrive: over real HTTP they must be judged and decoded
// exactly as small ones (errors carried next to a result, bodies that are not JSON, gzip).
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { AccsynApiError, AccsynProtocolError, Session } from "@accsyn/core";
import { sessionOptions, startTestServer, type Reply, type TestServer } from "../../../tests/support/test-server.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function sessionAnswering(reply: Reply): Promise<{ session: Session; server: TestServer }> {
  const server = await startTestServer((request) => (request.path.endsWith("/event") ? reply : undefined));
  cleanups.push(() => server.close());
  const session = new Session(sessionOptions(server).options);
  cleanups.push(() => session.close());
  return { session, server };
}

/** `count` entities of ~500 bytes, with a date and an `ObjectId:` member. */
function entities(count: number): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, i) => ({ id: `ObjectId:${i.toString(16).padStart(24, "0")}`, created: "2024-03-01T10:20:30", pad: "p".repeat(440) }));
}

describe("answers larger than 4 MiB", () => {
  it("decode as small ones do, gzip included", async () => {
    const body = JSON.stringify({ result: entities(12_000), total: 12_000, created: "2024-03-01T10:20:30" });
    expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
    const { session } = await sessionAnswering({
      body: gzipSync(body),
      contentType: "application/json",
      headers: { "content-encoding": "gzip" },
    });
    const answer = await session.request("GET", "transfer/find", { data: {} });
    const result = answer.result as Array<Record<string, unknown>>;
    expect(result).toHaveLength(12_000);
    expect(result[11_999]).toEqual({ id: (11_999).toString(16).padStart(24, "0"), created: new Date(Date.UTC(2024, 2, 1, 10, 20, 30)), pad: "p".repeat(440) });
    expect(answer.total).toBe(12_000);
    expect(answer.created).toBeInstanceOf(Date);
  });

  it("still report a message that comes after the result", async () => {
    const body = JSON.stringify({ result: entities(12_000), message: "Query too wide", message_hr: "Narrow the query." });
    const { session } = await sessionAnswering({ body, contentType: "application/json" });
    const error = await session.request("GET", "transfer/find", { data: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynApiError);
    expect((error as Error).message).toBe("Narrow the query.");
  });

  it("report a body that breaks off or is not JSON, quoting its beginning", async () => {
    const whole = JSON.stringify({ result: entities(12_000) });
    for (const body of [whole.slice(0, -3), `${whole}<html>`, `<html>${"x".repeat(5 * 1024 * 1024)}</html>`]) {
      const { session } = await sessionAnswering({ body, contentType: "application/json" });
      const error = await session.request("GET", "transfer/find", { data: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AccsynProtocolError);
      expect((error as Error).message).toContain(`a body that is not JSON: ${body.slice(0, 300)}…`);
    }
  });
});
