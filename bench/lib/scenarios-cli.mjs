// What a script calling the CLI pays: real commands (`accsyn find … --json`, `accsyn ls … --json`,
// `accsyn whoami`) against a local emulator, each as a whole process, against a fresh `node`
// sending the same raw requests (cli-floor.mjs). Wall time (parent side), CPU and peak RSS (the
// process's own, written by the preloaded rusage.cjs). Interleaved round by round.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { startEmulatorChild } from "./emulator-child.mjs";
import { addRow } from "./goals.mjs";
import { row, skippedRow } from "./report.mjs";

/** The commands measured: CLI arguments and the event its floor sends after the login (none: login only). */
export const CLI_COMMANDS = [
  { name: "find", args: ["find", "user", "--json"], uri: "user/find", data: {} },
  { name: "ls", args: ["ls", "share=projects", "--json"], uri: "workspace/file", data: { op: "ls", path: "share=projects", download: true, recursive: false, getsize: false } },
  { name: "whoami", args: ["whoami"] },
];

/** Runs `node -r rusage.cjs …args` once: wall ms, CPU ms, peak RSS MB; throws with its stderr when it fails. */
function measureProcess(benchDir, args, env) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["-r", join(benchDir, "lib/rusage.cjs"), ...args], { cwd: os.tmpdir(), env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe", "pipe"] });
  const wall = performance.now() - started;
  if (result.status !== 0 || !result.output[3]) throw new Error(`node ${args.join(" ")} exited ${result.status}: ${(result.stderr || result.stdout).trim().split("\n").slice(0, 3).join(" | ")}`);
  const usage = JSON.parse(result.output[3]);
  return { wall, cpu: usage.cpuUs / 1000, rss: usage.maxRssKb / 1024, stdout: result.stdout };
}

async function cli(ctx) {
  const bin = join(ctx.benchDir, "../packages/cli/dist/bin.js");
  if (!existsSync(bin)) {
    for (const c of CLI_COMMANDS) addRow(ctx, skippedRow(`cli: accsyn ${c.args.join(" ")}`, `${bin} not built`), `cli-${c.name}-wall`);
    return;
  }
  const emu = await startEmulatorChild();
  try {
    const env = {
      PATH: process.env.PATH, HOME: process.env.HOME,
      ACCSYN_WORKSPACE: emu.workspace, ACCSYN_API_USER: emu.username, ACCSYN_API_KEY: emu.apiKey,
      ACCSYN_HOSTNAME: "127.0.0.1", ACCSYN_PORT: String(emu.port), ACCSYN_PROTOCOL: "http",
    };
    const floorScript = join(ctx.benchDir, "lib/cli-floor.mjs");
    const samples = Object.fromEntries(CLI_COMMANDS.map((c) => [c.name, { cli: [], floor: [] }]));
    for (let i = 0; i <= ctx.plan.cli; i++) {
      for (const c of CLI_COMMANDS) {
        const floorTask = JSON.stringify({ port: emu.port, workspace: emu.workspace, username: emu.username, apiKey: emu.apiKey, uri: c.uri, data: c.data });
        const runs = { cli: () => measureProcess(ctx.benchDir, [bin, ...c.args], env), floor: () => measureProcess(ctx.benchDir, [floorScript, floorTask], env) };
        // alternate which goes first, so that neither always runs right after the other's disk reads
        const order = i % 2 ? ["floor", "cli"] : ["cli", "floor"];
        const took = Object.fromEntries(order.map((k) => [k, runs[k]()]));
        if (i === 0) continue; // warms the file system cache
        samples[c.name].cli.push(took.cli);
        samples[c.name].floor.push(took.floor);
      }
    }
    ctx.raw.cli = samples;
    for (const c of CLI_COMMANDS) {
      const { cli: s, floor: f } = samples[c.name];
      const pick = (xs, k) => xs.map((x) => x[k]);
      const label = `accsyn ${c.args.join(" ")}`;
      addRow(ctx, row({ scenario: `cli: ${label} vs raw node (wall)`, unit: "ms", values: pick(s, "wall"), floor: pick(f, "wall"), goal: 1.5 }), `cli-${c.name}-wall`);
      addRow(ctx, row({ scenario: `  cli: ${c.name}, CPU`, unit: "cpu ms", values: pick(s, "cpu"), floor: pick(f, "cpu") }));
      addRow(ctx, row({ scenario: `  cli: ${c.name}, peak RSS`, unit: "MB", values: pick(s, "rss"), floor: pick(f, "rss"), goal: 1.3 }), `cli-${c.name}-rss`);
    }
  } finally {
    await emu.stop();
  }
}

/** The CLI start-up scenario by name. */
export const cliScenarios = { cli };
