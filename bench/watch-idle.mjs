#!/usr/bin/env node
// Measurement (not a test): `session.watch("Transfer")` over 1,000 idle (paused) transfers.
// Counts the requests the emulator receives and the CPU the watcher uses. The emulator runs in a
// child process so its own CPU is not counted.
// Run after a build: `node bench/watch-idle.mjs [seconds=60] [interval-ms=2000]`.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const COUNT = 1_000;

if (process.argv[2] === "--serve") {
  const { startEmulator, DEMO_SEED } = await import("../packages/emulator/dist/index.js");
  const jobs = Array.from({ length: COUNT }, (_, i) => ({ code: `idle-${i}`, name: `idle-${i}.mov`, status: "paused", progress: 37, tasks: [] }));
  const requests = [];
  const emu = await startEmulator({ port: 0, seed: { ...DEMO_SEED, jobs }, jobs: { run: false }, log: (line) => requests.push(line) });
  const admin = emu.users.find((u) => u.role === "admin");
  process.send({ url: emu.url, port: emu.port, workspace: emu.workspace, username: admin.username, apiKey: admin.apiKey });
  process.on("message", async (message) => {
    if (message === "count") process.send({ requests: requests.splice(0) });
    if (message === "stop") {
      await emu.stop();
      process.exit(0);
    }
  });
} else {
  const seconds = Number(process.argv[2] ?? 60);
  const interval = Number(process.argv[3] ?? 2000);
  const child = fork(fileURLToPath(import.meta.url), ["--serve"]);
  const next = () => new Promise((resolve) => child.once("message", resolve));
  const info = await next();
  const { Session } = await import("../packages/api/dist/index.js");
  const session = await Session.connect({
    workspace: info.workspace, username: info.username, apiKey: info.apiKey, hostname: "127.0.0.1", port: info.port, protocol: "http", env: {}, logger: {},
  });
  const polled = await session.find("Transfer", { attributes: ["status", "progress"] });
  const whole = await session.find("Transfer");
  console.log(`${polled.length} transfers; one poll answers ~${(JSON.stringify(polled).length / 1024).toFixed(0)} KiB (a whole find: ~${(JSON.stringify(whole).length / 1024).toFixed(0)} KiB)`);

  child.send("count");
  await next(); // forget the set-up requests
  const controller = new AbortController();
  let events = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  setTimeout(() => controller.abort(), seconds * 1000);
  for await (const event of session.watch("Transfer", { interval, initial: false, signal: controller.signal })) events += event ? 1 : 0;
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  child.send("count");
  const { requests } = await next();
  const byUri = {};
  for (const line of requests) byUri[line.split(" ").slice(0, 2).join(" ")] = (byUri[line.split(" ").slice(0, 2).join(" ")] ?? 0) + 1;
  const cpuMs = (used.user + used.system) / 1000;
  console.log(`watched ${elapsed.toFixed(1)} s at interval ${interval} ms: ${requests.length} requests (${(requests.length / (elapsed / 60)).toFixed(1)}/min), ${events} events`);
  console.log(`requests by path: ${JSON.stringify(byUri)}`);
  console.log(`watcher CPU: ${cpuMs.toFixed(0)} ms in ${elapsed.toFixed(1)} s = ${((cpuMs / 1000 / elapsed) * 100).toFixed(2)} % of one core (${(cpuMs / (requests.length || 1)).toFixed(1)} ms per poll)`);
  session.close();
  child.send("stop");
}
