/**
 * `doctor`: checks credentials, workspace resolution, reachability, TLS, the clock and the login,
 * and says what to fix. Exit 0 when everything is fine, else the code of the first failure.
 */
import type { Command } from "@commander-js/extra-typings";
import type { Context } from "../context.js";
import { describeFailure, EXIT, type ExitCode } from "../errors.js";
import { examples } from "./shared.js";

/** The outcome of one check. */
export interface Check {
  check: string;
  ok: boolean;
  detail: string;
  fix?: string;
  /** Exit code when this check fails. */
  exitCode?: ExitCode;
}

const CLOCK_TOLERANCE_S = 60;
const PROBE_TIMEOUT_MS = 5000;

interface Probe {
  status?: number;
  date?: string;
  error?: NodeJS.ErrnoException;
  /** The TLS handshake was answered in plain HTTP (the SDK's judgement). */
  plainHttp?: boolean;
}

/** One plain request to the backend's root to see it answers, check TLS and read its clock. */
async function probe(protocol: string, host: string, port: number, insecure: boolean): Promise<Probe> {
  const client = protocol === "https" ? await import("node:https") : await import("node:http");
  const { isPlainHttpAnswer } = await import("@accsyn/api");
  return new Promise((resolve) => {
    const request = client.request({ host, port, path: "/api/v3", method: "HEAD", timeout: PROBE_TIMEOUT_MS, rejectUnauthorized: !insecure }, (response) => {
      response.resume();
      resolve({ status: response.statusCode, date: response.headers.date });
    });
    request.on("timeout", () => request.destroy(Object.assign(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`), { code: "ETIMEDOUT" })));
    request.on("error", (error: NodeJS.ErrnoException) => resolve({ error, plainHttp: isPlainHttpAnswer(error) }));
    request.end();
  });
}

function isTlsError(error: NodeJS.ErrnoException): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(`${error.code ?? ""} ${error.message}`);
}

function probeChecks(target: string, result: Probe, protocol: string): Check[] {
  const checks: Check[] = [];
  if (result.error) {
    if (protocol === "https" && result.plainHttp) {
      checks.push({ check: "reachability", ok: true, detail: `${target} accepts connections` });
      checks.push({ check: "tls", ok: false, detail: `${target} answered the TLS handshake in plain HTTP (${result.error.code ?? "EPROTO"}): this endpoint is plain HTTP`, fix: "This endpoint is plain HTTP — use --http / ACCSYN_PROTOCOL=http.", exitCode: EXIT.NETWORK });
    } else if (isTlsError(result.error)) {
      checks.push({ check: "reachability", ok: true, detail: `${target} accepts connections` });
      checks.push({ check: "tls", ok: false, detail: `${target}: ${result.error.message}`, fix: "Install the backend's CA certificate, fix its certificate, or use --insecure only for a backend you trust.", exitCode: EXIT.NETWORK });
    } else {
      checks.push({ check: "reachability", ok: false, detail: `${target}: ${result.error.code ?? result.error.message}`, fix: "Check --host/--port/--http, the network, firewalls and --proxy; is the backend running?", exitCode: EXIT.NETWORK });
    }
    return checks;
  }
  checks.push({ check: "reachability", ok: true, detail: `${target} answered HTTP ${result.status ?? "?"}` });
  checks.push(protocol === "https" ? { check: "tls", ok: true, detail: "certificate accepted" } : { check: "tls", ok: true, detail: "plain HTTP (no TLS): only for a local backend or an accsyn proxy" });
  const remote = result.date ? Date.parse(result.date) : Number.NaN;
  if (Number.isNaN(remote)) {
    checks.push({ check: "clock", ok: true, detail: "the backend sent no Date header; not checked" });
  } else {
    const skew = Math.round((Date.now() - remote) / 1000);
    checks.push(Math.abs(skew) <= CLOCK_TOLERANCE_S
      ? { check: "clock", ok: true, detail: `within ${Math.max(Math.abs(skew), 1)} s of the backend` }
      : { check: "clock", ok: false, detail: `this machine is ${skew} s ${skew > 0 ? "ahead of" : "behind"} the backend`, fix: "Synchronise the clock (NTP); dates in answers and logs will be off.", exitCode: EXIT.ERROR });
  }
  return checks;
}

/** Runs every check in order; later checks are skipped when an earlier one makes them pointless. */
export async function runChecks(ctx: Context): Promise<Check[]> {
  const checks: Check[] = [];
  const g = ctx.globals;
  let session;
  try {
    session = await ctx.session();
    checks.push({ check: "credentials", ok: true, detail: `workspace ${session.workspace}, user ${session.username}, API key set` });
  } catch (error) {
    const failure = describeFailure(error);
    checks.push({ check: "credentials", ok: false, detail: failure.message, fix: "Set ACCSYN_WORKSPACE, ACCSYN_API_USER and ACCSYN_API_KEY, or pass --env-file.", exitCode: failure.exitCode });
    return checks;
  }
  let loginError: unknown;
  try {
    await session.login();
  } catch (error) {
    loginError = error;
  }
  const endpoint = session.endpoint;
  if (!endpoint) {
    const failure = describeFailure(loginError);
    checks.push({ check: "resolution", ok: false, detail: failure.message, fix: "Check the workspace code and that the registry (https://master.accsyn.com) is reachable, or pass --host.", exitCode: EXIT.NETWORK });
    return checks;
  }
  checks.push({ check: "resolution", ok: true, detail: g.host ? `--host given: ${endpoint.host}:${endpoint.port}` : `workspace ${session.workspace} is at ${endpoint.host}:${endpoint.port}` });
  const target = `${endpoint.protocol}://${endpoint.host}:${endpoint.port}`;
  if (g.proxy || process.env.ACCSYN_PROXY) checks.push({ check: "reachability", ok: true, detail: "through a proxy: not probed directly" });
  else checks.push(...probeChecks(target, await probe(endpoint.protocol, endpoint.host, endpoint.port, Boolean(g.insecure)), endpoint.protocol));
  if (loginError === undefined) {
    checks.push({ check: "login", ok: true, detail: `logged in as ${session.username} (${session.role ?? "?"})` });
  } else {
    const failure = describeFailure(loginError);
    const belowHttp = failure.exitCode === EXIT.NETWORK || failure.exitCode === EXIT.TIMEOUT;
    const fix = belowHttp ? "Fix the reachability/TLS problem above first." : "Check the user e-mail and API key (accsyn web app → your profile → API key).";
    checks.push({ check: "login", ok: false, detail: failure.message, fix, exitCode: failure.exitCode });
  }
  return checks;
}

/** Registers `doctor`. */
export function registerDoctor(program: Command, ctx: Context): void {
  const doctor = program.command("doctor").description("check credentials, workspace resolution, reachability, TLS, clock and login, and say what to fix")
    .action(async () => {
      const checks = await runChecks(ctx);
      // The report is the diagnosis: the SDK's warnings and "run accsyn doctor" hints would repeat it.
      ctx.warnings.length = 0;
      const mask = (text: string) => ctx.mask(text).replace(/,? (then |or )?run `accsyn doctor`/g, "");
      if (ctx.out.mode !== "human") {
        await ctx.out.result(checks.map(({ exitCode: _code, ...check }) => ({ ...check, detail: mask(check.detail) })));
      } else {
        const c = ctx.out.colours;
        for (const check of checks) {
          const mark = check.ok ? c.green("✓") : c.red("✗");
          ctx.out.line(`${mark} ${check.check.padEnd(12)} ${mask(check.detail)}${check.fix ? `\n  ${c.yellow("fix:")} ${check.fix}` : ""}`);
        }
      }
      const failed = checks.find((check) => !check.ok);
      if (failed) ctx.exitCode = failed.exitCode ?? EXIT.ERROR;
    });
  examples(doctor, "accsyn doctor", "accsyn doctor --host 127.0.0.1 --port 8181 --http");
}
