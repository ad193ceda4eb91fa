// An emulator in its own process (its CPU does not mix with the client's), for whole-process and
// fan-out scenarios: `startEmulatorChild({ rateLimit })` forks this file, which starts
// @accsyn/emulator on a free port and sends back how to log in. `statuses()` tells how many
// answers of each HTTP status it sent since the last call; `since()` tells that and the emulator's
// CPU time (ms) since the last call; `stop()` ends it.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

if (process.argv[2] === "--serve") {
  const { startEmulator } = await import("../../packages/emulator/dist/index.js");
  const options = JSON.parse(process.argv[3] ?? "{}");
  let statuses = {};
  const emu = await startEmulator({ port: 0, jobs: { run: false }, ...options });
  // every answer is a request event of the emulator's stream (refusals at the rate limit included)
  emu.events.subscribe((e) => {
    if (e.type === "request") statuses[e.status] = (statuses[e.status] ?? 0) + 1;
  });
  const admin = emu.users.find((u) => u.role === "admin");
  process.send({ port: emu.port, url: emu.url, workspace: emu.workspace, username: admin.username, apiKey: admin.apiKey });
  let cpu = process.cpuUsage();
  process.on("message", (message) => {
    if (message !== "statuses") return;
    const used = process.cpuUsage(cpu);
    process.send({ statuses, cpuMs: (used.user + used.system) / 1000 });
    statuses = {};
    cpu = process.cpuUsage();
  });
  process.on("disconnect", async () => {
    await emu.stop();
    process.exit(0);
  });
}

/**
 * Forks an emulator started with `options` (e.g. `{ rateLimit: true }`); resolves with
 * `{ port, url, workspace, username, apiKey, stop() }`.
 */
export function startEmulatorChild(options = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ["--serve", JSON.stringify(options)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.once("message", (info) => {
      child.removeAllListeners("exit");
      const exited = new Promise((done) => child.once("exit", done));
      const since = () => new Promise((done) => (child.once("message", done), child.send("statuses")));
      const statuses = async () => (await since()).statuses;
      resolve({ ...info, statuses, since, stop: () => (child.connected && child.disconnect(), exited) });
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`emulator child exited (${code})`)));
  });
}
