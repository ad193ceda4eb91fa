/**
 * Runs one vector against the SDK: starts the replay server (HTTP, or HTTPS with the test CA),
 * writes the vector's files, builds the session, makes the prior calls and the call, and returns
 * every difference found (an empty list means the vector passes).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Session } from "@accsyn/api";
import type { Logger } from "@accsyn/core";
import { testCertificate } from "../support/tls.js";
import { compareRequests, compareValues } from "./compare.js";
import { compareOutcome, compareWarnings, defaultExpectation, describeError } from "./outcome.js";
import { mapCall, sessionOptions, substitute, type ReplayContext } from "./mapping.js";
import { defaultPlan, type Plan } from "./plan.js";
import { startReplayServer } from "./replay-server.js";
import type { Vector, VectorCall, VectorResponse } from "./vectors.js";

/** Adjusts the default plan (deliberate differences, interpretations). */
export type PlanAdjuster = (plan: Plan, vector: Vector, ctx: ReplayContext) => void;

type Result = { value?: unknown; error?: unknown };
type AnySession = Record<string, unknown> & { close?: () => void };

async function settle(run: () => unknown): Promise<Result> {
  try {
    return { value: await run() };
  } catch (error) {
    return { error: error ?? new Error("thrown undefined") };
  }
}

/** Calls a vector's method on the session (or statically on `Session`). */
function invoke(session: AnySession | undefined, call: VectorCall, ctx: ReplayContext): { args: unknown[]; positional: unknown[]; run: () => unknown } {
  const { mapping, args, positional } = mapCall(call, ctx);
  const target = (mapping.isStatic ? Session : session) as unknown as Record<string, unknown> | undefined;
  return {
    args,
    positional,
    run: () => {
      if (!target) throw new Error(`no session to call ${mapping.ts} on (the session could not be built)`);
      const method = target[mapping.ts];
      if (typeof method !== "function") throw new Error(`Session has no method ${mapping.isStatic ? "static " : ""}${mapping.ts}`);
      return (method as (...a: unknown[]) => unknown).apply(target, args);
    },
  };
}

/** Runs one vector; returns the list of differences. */
export async function runVector(vector: Vector, adjust: PlanAdjuster | undefined): Promise<string[]> {
  const problems: string[] = [];
  const tls = vector.session?.mode.startsWith("https") ? await testCertificate() : undefined;
  const dirs = { tmpdir: mkdtempSync(join(tmpdir(), "accsyn-vector-")), cwd: mkdtempSync(join(tmpdir(), "accsyn-cwd-")) };
  // The server reads its answers when requests arrive; they are filled in once the port is known,
  // and every placeholder in them (`<port>` of a registry answer, `<hostname>`, …) is substituted.
  const answers: VectorResponse[] = [];
  const server = await startReplayServer(answers, { ...(tls ? { tls } : {}), render: (text, port) => substitute(text, { ...ctx, port }) });
  const ctx: ReplayContext = { port: server.port, ...dirs, timezone: vector.timezone ?? "UTC" };
  const plan = defaultPlan(vector, ctx);
  adjust?.(plan, vector, ctx);
  answers.push(...plan.exchanges.map((exchange) => exchange.response));

  for (const [path, content] of Object.entries(vector.files ?? {})) {
    const file = substitute(path, ctx);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }

  const warnings: string[] = [];
  // a raised error's text is a debug line, not a warning (issue 16): both count as "logged"
  const logger: Logger = { warn: (message) => warnings.push(message), debug: (message) => warnings.push(message) };
  const previousLogger = Session.staticLogger;
  Session.staticLogger = logger;
  let printed = "";
  const write = process.stdout.write;
  const previousCwd = process.cwd();
  process.chdir(dirs.cwd);
  const extra = { ca: tls?.cert ?? "", logger };
  let session: AnySession | undefined;
  try {
    if (vector.session && !plan.constructInCall) {
      const setup = await settle(() => Session.connect({ ...sessionOptions(vector, ctx, extra), verbose: true }));
      if (setup.error !== undefined) problems.push(`session setup failed: ${describeError(setup.error)}`);
      session = setup.value as AnySession | undefined;
    }
    for (const [index, prior] of (vector.prior_calls ?? []).entries()) {
      warnings.length = 0;
      const result = await settle(invoke(session, prior.call, ctx).run);
      const where = `prior call #${index + 1} (${prior.call.method})`;
      const before = problems.length;
      compareOutcome(defaultExpectation(prior.outcome, prior.exchanges, undefined, ctx), result, problems);
      for (let i = before; i < problems.length; i++) problems[i] = `${where}: ${problems[i]}`;
      compareWarnings(prior.log ?? [], warnings, where, ctx, problems);
    }
    warnings.length = 0;
    if (plan.closeBeforeCall) await server.close();
    let result: Result;
    let call: ReturnType<typeof invoke> | undefined;
    if (plan.constructInCall) {
      result = await settle(() => Session.connect({ ...sessionOptions({ ...vector, session: { ...vector.session!, constructed_in_call: true } }, ctx, extra), verbose: true }));
      if (result.value) session = result.value as AnySession;
    } else {
      call = invoke(session, vector.call, ctx);
      const snapshot = structuredClone(call.positional);
      process.stdout.write = ((chunk: string | Uint8Array) => {
        printed += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
        return true;
      }) as typeof process.stdout.write;
      try {
        result = await settle(call.run);
      } finally {
        process.stdout.write = write;
      }
      if (plan.argsUnchanged) compareValues(call.positional, snapshot, "arguments after the call (must not be mutated)", problems);
    }
    compareOutcome(plan.expectation, result, problems);
    compareWarnings(vector.log ?? [], warnings, "log", ctx, problems);
    const stdoutProblem = plan.checkStdout?.(printed);
    if (stdoutProblem) problems.push(stdoutProblem);
  } finally {
    process.stdout.write = write;
    process.chdir(previousCwd);
    Session.staticLogger = previousLogger;
    session?.close?.();
    await server.close();
    rmSync(dirs.tmpdir, { recursive: true, force: true });
    rmSync(dirs.cwd, { recursive: true, force: true });
  }
  compareRequests(plan.exchanges, server.requests, ctx, problems);
  return problems;
}
