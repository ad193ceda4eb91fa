// A fan-out of small calls against a running emulator (run by client.mjs in a fresh process, for
// the "limits" scenario): `calls` findOne, `inflight` at a time, with the session `options` given
// (e.g. `maxRequestsPerSecond`). Resolves with the wall and CPU time of the fan-out and its failures.
import { pool } from "./measure.mjs";

/** Runs the fan-out; `{ ms, cpuMs, failures, errors }` (the first few error messages). */
export async function fanout({ port, workspace, username, apiKey, calls, inflight, options = {} }) {
  const { Session } = await import("@accsyn/api");
  const session = new Session({ workspace, username, apiKey, hostname: "127.0.0.1", port, protocol: "http", env: {}, logger: {}, ...options });
  await session.login();
  let failures = 0;
  const errors = new Set();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await pool(calls, inflight, async () => {
    try {
      await session.findOne(`user WHERE code=${username}`);
    } catch (error) {
      failures++;
      errors.add(error.message.slice(0, 160));
    }
  });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  session.close();
  return { ms, cpuMs: (used.user + used.system) / 1000, failures, errors: [...errors].slice(0, 3) };
}
