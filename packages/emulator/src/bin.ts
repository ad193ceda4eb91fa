#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startEmulator } from "./emulator.js";

const HELP = `Usage: accsyn-emulator [--port N] [--host 127.0.0.1] [--seed FILE] [--data DIR] [--tls-cert FILE --tls-key FILE] [--rate BYTES_PER_SECOND] [--pickup-delay MS] [--rate-limit [--rate-limit-rps N] [--rate-limit-burst N] [--rate-limit-connections N]] [--log [--log-format text|json]] [--no-ui] [--ui-actions]

A local accsyn-compatible backend. --port defaults to ACCSYN_EMULATOR_PORT, else 8181 (the port the
reference client's AS_DEV mode uses); 0 picks a free port. Without --data, state lives in memory.
--rate sets how fast simulated transfers copy (bytes per second per job, 0 = instant; default 52428800).
--pickup-delay sets how long a job stays 'waiting' before a client picks it up (milliseconds, default 1000).
--rate-limit enforces the service's API limits per client IP (30 requests/s, bursts of 60, 100 connections;
each figure can be changed), answering 429 with Retry-After. Off by default.
--log prints the emulator's event stream to stderr: each request (operation, user and role, status, duration,
error), entity change, job and task status change (with the failure reason) and file operation; one readable
line each, or one JSON object per line with --log-format json. API keys never appear.
The dashboard is served at / (its address is printed at start); --no-ui turns it off. It is read-only unless
--ui-actions lets it pause, resume and retry jobs and reset the workspace to its seed.`;

async function main(): Promise<void> {
  // `pnpm emulator -- --port N` hands the `--` on: one in front means nothing here.
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args: args[0] === "--" ? args.slice(1) : args,
    options: {
      port: { type: "string" }, host: { type: "string", default: "127.0.0.1" }, seed: { type: "string" },
      data: { type: "string" }, "tls-cert": { type: "string" }, "tls-key": { type: "string" }, log: { type: "boolean", default: false },
      "log-format": { type: "string" }, "no-ui": { type: "boolean", default: false }, "ui-actions": { type: "boolean", default: false },
      rate: { type: "string" }, "pickup-delay": { type: "string" }, help: { type: "boolean", short: "h", default: false },
      "rate-limit": { type: "boolean", default: false }, "rate-limit-rps": { type: "string" },
      "rate-limit-burst": { type: "string" }, "rate-limit-connections": { type: "string" },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const fromEnv = process.env.ACCSYN_EMULATOR_PORT?.trim() || undefined;
  const portText = values.port ?? fromEnv ?? "8181";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new Error(`Invalid ${values.port === undefined ? "ACCSYN_EMULATOR_PORT" : "--port"} '${portText}': use a whole number from 0 (a free port) to 65535.`);
  }
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && !(Number.isFinite(rate) && rate >= 0)) throw new Error(`Invalid --rate '${values.rate}'`);
  const pickupMs = values["pickup-delay"] === undefined ? undefined : Number(values["pickup-delay"]);
  if (pickupMs !== undefined && !(Number.isFinite(pickupMs) && pickupMs >= 0)) throw new Error(`Invalid --pickup-delay '${values["pickup-delay"]}' (milliseconds, 0 or more)`);
  if (!!values["tls-cert"] !== !!values["tls-key"]) throw new Error("--tls-cert and --tls-key go together");
  const figure = (name: "rate-limit-rps" | "rate-limit-burst" | "rate-limit-connections"): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    if (!values["rate-limit"]) throw new Error(`--${name} goes with --rate-limit`);
    const n = Number(raw);
    if (!(Number.isFinite(n) && n > 0)) throw new Error(`Invalid --${name} '${raw}'`);
    return n;
  };
  const logFormat = values["log-format"];
  if (logFormat !== undefined && logFormat !== "text" && logFormat !== "json") throw new Error(`Invalid --log-format '${logFormat}' (text or json)`);
  if (values["no-ui"] && values["ui-actions"]) throw new Error("--ui-actions needs the dashboard: drop --no-ui");
  const limits = { requestsPerSecond: figure("rate-limit-rps"), burst: figure("rate-limit-burst"), maxConnections: figure("rate-limit-connections") };
  const rateLimit = values["rate-limit"] ? Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) : undefined;
  const emu = await startEmulator({
    port, host: values.host, seed: values.seed, dataDir: values.data, log: values.log, ...(logFormat ? { logFormat } : {}),
    ui: values["no-ui"] ? false : { actions: values["ui-actions"] },
    jobs: rate === undefined && pickupMs === undefined ? undefined : { rate, pickupMs }, rateLimit,
    tls: values["tls-cert"] && values["tls-key"] ? { cert: values["tls-cert"], key: values["tls-key"] } : undefined,
  });
  process.stdout.write(`accsyn emulator listening on ${emu.url} (workspace '${emu.workspace}')\n`);
  if (emu.dashboardUrl) process.stdout.write(`  dashboard: ${emu.dashboardUrl}${values["ui-actions"] ? "" : " (read-only; --ui-actions to act from it)"}\n`);
  for (const u of emu.users) process.stdout.write(`  ${u.role.padEnd(9)} ${u.username}  api key: ${u.apiKey}\n`);
  const [first] = emu.users;
  if (first) {
    // Started by the repository's `pnpm emulator`, the CLI is `pnpm accsyn` there; installed, it is `accsyn`.
    const cli = process.env.npm_lifecycle_event === "emulator" ? "pnpm accsyn" : "accsyn";
    const host = emu.host === "0.0.0.0" || emu.host === "::" ? "127.0.0.1" : emu.host;
    process.stdout.write(`Try it from another shell:\n  ACCSYN_WORKSPACE=${emu.workspace} ACCSYN_API_USER=${first.username} ACCSYN_API_KEY=${first.apiKey} ${cli} --host ${host} --port ${emu.port} ${emu.url.startsWith("https") ? "" : "--http "}whoami\n`);
  }
  const stop = (): void => {
    emu.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`accsyn-emulator: ${(err as Error).message}\n`);
  process.exit(1);
});
