/**
 * @accsyn/otel against the emulator, with the OpenTelemetry SDK's in-memory exporter: one client
 * span per call under the caller's active span, HTTP semantic-convention attributes, retries as
 * span events, failures as ERROR with the SDK's error class, and no secret in any span.
 */
import { context, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Session } from "@accsyn/api";
import { DEMO_SEED, type RunningEmulator, seedBuilder, startEmulator } from "@accsyn/emulator";
import { instrumentSession, tracing } from "../src/index.js";

const API_KEY = "sk_live_5e4d3c2b1a09f8e7d6c5b4a392817060";
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer("pipeline");
let emu: RunningEmulator;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const seed = seedBuilder(DEMO_SEED).user("ops@acme.test", { role: "admin", api_key: API_KEY }).build();
  emu = await startEmulator({ port: 0, seed, jobs: { run: false } });
});
afterAll(async () => {
  await emu.stop();
  context.disable();
});
beforeEach(() => exporter.reset());

function options(url = emu.url) {
  const u = new URL(url);
  return { workspace: emu.workspace, username: "ops@acme.test", apiKey: API_KEY, hostname: u.hostname, port: Number(u.port), protocol: "http" as const, env: {} };
}

/** The spans as an indented tree, with the attributes a reader wants to see. */
function tree(spans: ReadableSpan[]): string {
  const children = (id: string | undefined) => spans.filter((s) => s.parentSpanContext?.spanId === id);
  const line = (s: ReadableSpan, depth: number): string[] => {
    const attrs = Object.entries(s.attributes).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");
    const events = s.events.map((e) => `${"  ".repeat(depth + 1)}· event ${e.name} ${JSON.stringify(e.attributes)}`);
    const status = s.status.code === SpanStatusCode.ERROR ? ` ERROR(${s.status.message ?? ""})` : "";
    return [`${"  ".repeat(depth)}${s.name} [${SpanKind[s.kind]}]${status} ${attrs}`, ...events, ...children(s.spanContext().spanId).flatMap((c) => line(c, depth + 1))];
  };
  return spans.filter((s) => !s.parentSpanContext || !spans.some((p) => p.spanContext().spanId === s.parentSpanContext?.spanId)).flatMap((r) => line(r, 0)).join("\n");
}

describe("@accsyn/otel", () => {
  it("makes one client span per call under the caller's span: a find, and a failed create", async () => {
    const session = new Session(options());
    instrumentSession(session, { tracerProvider: provider });
    await session.login();
    exporter.reset();
    const failure = await tracer.startActiveSpan("publish sh010", async (parent) => {
      await session.find("Transfer");
      const error = await session.create("user", { code: "admin@acme.test", name: "Ada again" }).catch((e: unknown) => e as Error); // the e-mail is taken
      parent.end();
      return error;
    });
    const spans = exporter.getFinishedSpans();
    console.log(`span tree:\n${tree(spans)}`);
    const parent = spans.find((s) => s.name === "publish sh010")!;
    const find = spans.find((s) => s.name === "GET transfer/find")!;
    const create = spans.find((s) => s.name === "POST user/create")!;
    expect(find.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(create.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(find.kind).toBe(SpanKind.CLIENT);
    expect(find.attributes).toMatchObject({
      "http.request.method": "GET", "accsyn.operation": "transfer/find", "server.address": "127.0.0.1", "server.port": emu.port,
      "url.full": `${emu.url}/api/v3/event`, "http.response.status_code": 200,
    });
    expect(find.attributes["http.response.body.size"]).toBeGreaterThan(0);
    expect(find.status.code).not.toBe(SpanStatusCode.ERROR);
    expect(failure).toBeInstanceOf(Error);
    expect(create.status).toMatchObject({ code: SpanStatusCode.ERROR, message: failure.message });
    expect(create.attributes["error.type"]).toBe(failure.constructor.name);
    expect(create.attributes["http.response.status_code"]).toBeGreaterThanOrEqual(400);
    expect(create.events.map((e) => [e.name, e.attributes?.["exception.type"]])).toEqual([["exception", failure.constructor.name]]);
    session.close();
  });

  it("records each retry as a span event with its wait, and traces every session of a plugged class", async () => {
    const limited = await startEmulator({ port: 0, jobs: { run: false }, rateLimit: { requestsPerSecond: 0.5, burst: 2 }, // one token back every 2 s: the third call waits out a 429
      seed: seedBuilder(DEMO_SEED).user("ops@acme.test", { role: "admin", api_key: API_KEY }).build() });
    try {
      const Traced = Session.plugin(tracing({ tracerProvider: provider }));
      const session = new Traced(options(limited.url));
      await session.find("User");
      await session.find("Queue"); // over the burst: 429 with Retry-After, then answered
      const spans = exporter.getFinishedSpans();
      console.log(`span tree (429 then answered):\n${tree(spans)}`);
      expect(spans.map((s) => s.name)).toEqual(["PUT api/login", "GET user/find", "GET queue/find"]);
      const retried = spans[2]!;
      expect(retried.attributes).toMatchObject({ "http.request.resend_count": 1, "http.response.status_code": 200 });
      expect(retried.events).toHaveLength(1);
      expect(retried.events[0]).toMatchObject({ name: "retry", attributes: { "accsyn.attempt": 1, "http.response.status_code": 429 } });
      expect(retried.events[0]!.attributes!["accsyn.retry.wait_ms"]).toBeGreaterThanOrEqual(1000);
      const text = JSON.stringify(spans.map((s) => ({ a: s.attributes, e: s.events, n: s.name, st: s.status })));
      const sessionId = (await session.login()).sessionId;
      for (const secret of [API_KEY, Buffer.from(API_KEY).toString("base64"), sessionId]) expect(text).not.toContain(secret);
      session.close();
    } finally {
      await limited.stop();
    }
  }, 20_000);

  it("stops tracing when asked, and a network failure ends its span with the error class", async () => {
    const session = new Session({ ...options(), port: 1, retries: 0 });
    const stop = instrumentSession(session, { tracer: provider.getTracer("@accsyn/otel") });
    await session.find("User").catch(() => undefined);
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe("PUT api/login");
    expect(span?.attributes["error.type"]).toBe("AccsynNetworkError");
    stop();
    exporter.reset();
    await session.find("User").catch(() => undefined);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
