/**
 * `accsyn watch` against the emulator, run as the built binary: NDJSON events off a terminal,
 * `--until done|failed|empty` with their exit codes, Ctrl-C, and the live table on a real
 * pseudo-terminal (util-linux `script`) leaving the cursor shown.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UntilTracker } from "../src/commands/watch.js";
import { fitLine, LiveRegion } from "../src/output/live.js";
import { BIN, hasEscape, startHarness, type CliHarness } from "./helpers.js";

let cli: CliHarness;
beforeAll(async () => {
  cli = await startHarness("admin", { jobs: { rate: 4_000_000, tickMs: 10 } });
  const [volume] = await cli.json<Array<{ path: string }>>(["find", "volume WHERE code=projects"]);
  mkdirSync(join(volume!.path, "w"), { recursive: true });
  writeFileSync(join(volume!.path, "w", "reel.mov"), Buffer.alloc(2_000_000, 7));
}, 180_000);
afterAll(async () => {
  await cli?.stop();
});

const copy = (name: string) => JSON.stringify({ tasks: [{ source: `share=projects/w/${name}`, destination: "share=projects/w-out/" }] });

interface Child {
  /** Resolves with the exit code and what was written. */
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Resolves once stdout contains `text`. */
  saw(text: string): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  /** Writes to its stdin (on a pseudo-terminal, "\u0003" is Ctrl-C). */
  type(text: string): void;
}

/** Starts `accsyn <args>` against the harness's emulator, streaming (optionally inside `script`, on a pseudo-terminal). */
function start(args: readonly string[], tty = false): Child {
  const full = [BIN, ...args, "--host", "127.0.0.1", "--port", String(cli.port), "--http"];
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, TERM: "xterm", ACCSYN_WORKSPACE: cli.workspace, ACCSYN_API_USER: cli.userOf("admin"), ACCSYN_API_KEY: cli.keyOf("admin") };
  const quoted = [process.execPath, ...full].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const child = tty
    ? spawn("script", ["-qfec", `stty cols 100 rows 20; ${quoted}`, "/dev/null"], { cwd: cli.cwd, env })
    : spawn(process.execPath, full, { cwd: cli.cwd, env });
  let stdout = "";
  let stderr = "";
  const waiting: Array<{ text: string; resolve: () => void }> = [];
  child.stdout.on("data", (b: Buffer) => {
    stdout += b.toString();
    for (const w of waiting.filter((x) => stdout.includes(x.text))) w.resolve();
  });
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
  return {
    done,
    saw: (text) => (stdout.includes(text) ? Promise.resolve() : new Promise((resolve) => waiting.push({ text, resolve }))),
    kill: (signal) => child.kill(signal),
    type: (text) => child.stdin.write(text),
  };
}

type Line = { kind: string; changed: string[]; entity: { id: string; status: string; progress: number } };
const lines = (stdout: string): Line[] => stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line);

describe("accsyn watch (off a terminal: NDJSON)", () => {
  it("prints one event a line, in order, and --until done exits 0 once the transfer is done", async () => {
    const watch = start(["watch", "Transfer WHERE name=reel.mov", "--interval", "0.05", "--until", "done"]);
    await new Promise((r) => setTimeout(r, 400));
    const job = await cli.json<{ id: string }>(["create", "transfer", copy("reel.mov")]);
    const { code, stdout, stderr } = await watch.done;
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(hasEscape(stdout)).toBe(false);
    const events = lines(stdout).filter((e) => e.entity.id === job.id);
    expect(events[0]?.kind).toBe("added");
    expect(events.slice(-2).map((e) => [e.kind, e.entity.status])).toEqual([["changed", "done"], ["removed", "done"]]);
    expect(events.at(-2)?.changed).toContain("status");
    const progress = events.map((e) => e.entity.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("--until failed exits 6 naming the failed transfer", async () => {
    const watch = start(["watch", "Transfer WHERE name=gone.mov", "--interval", "0.05", "--until", "failed"]);
    await new Promise((r) => setTimeout(r, 400));
    const job = await cli.json<{ id: string }>(["create", "transfer", copy("gone.mov")]);
    const { code, stdout, stderr } = await watch.done;
    expect(code).toBe(6);
    expect(stderr).toBe(`accsyn: "gone.mov" (${job.id}) ended with status failed.\n`);
    // "added" when it failed before the first poll that saw it, else "changed".
    expect(lines(stdout).at(-1)).toMatchObject({ entity: { id: job.id, status: "failed" } });
  });

  it("--until empty exits 0 as soon as nothing matches", async () => {
    const { code, stdout } = await start(["watch", "Transfer WHERE name=none-such.mov", "--until", "empty", "--interval", "0.05"]).done;
    expect(code).toBe(0);
    expect(stdout).toBe("");
  });

  it("ends with exit 0 on Ctrl-C (SIGINT), and refuses a bad --until", async () => {
    const watch = start(["watch", "Queue", "--interval", "0.05"]);
    await watch.saw('"kind":"added"');
    watch.kill("SIGINT");
    const { code, stdout } = await watch.done;
    expect(code).toBe(0);
    expect(lines(stdout).every((e) => e.kind === "added")).toBe(true);
    const bad = await cli.run(["watch", "Transfer", "--until", "later"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are done, failed, empty/);
  });
});

describe("accsyn watch (on a terminal: the live table)", () => {
  it("draws the table in place with the cursor hidden, and shows the cursor again on Ctrl-C", async () => {
    const watch = start(["watch", "Transfer WHERE name=reel.mov", "--interval", "0.05", "--finished"], true);
    await watch.saw("100%");
    await watch.saw("1 matching");
    watch.type("\u0003");
    const { stdout } = await watch.done;
    expect(stdout).toContain("\u001b[?25l");
    expect(stdout.lastIndexOf("\u001b[?25h")).toBeGreaterThan(stdout.lastIndexOf("\u001b[?25l"));
    expect(stdout).toMatch(/\u001b\[\d+F/); // redrawn in place: cursor back to the frame's first line
    expect(stdout).toMatch(/reel\.mov\s+.*done.*\[█{20}\] 100%/);
  });
});

describe("watch pieces", () => {
  it("the live region overwrites its previous frame and never wraps a line", () => {
    let out = "";
    const stream = Object.assign(new Writable({ write: (c: Buffer, _e, cb) => ((out += c.toString()), cb()) }), { columns: 20, rows: 10 });
    const region = new LiveRegion(stream);
    region.render(["a", "b".repeat(40)]);
    region.render(["c"]);
    region.close();
    expect(out).toBe(`\u001b[?25la\u001b[K\n${"b".repeat(18)}…\u001b[K\n\u001b[J\u001b[2Fc\u001b[K\n\u001b[J\u001b[?25h`);
    expect(fitLine("\u001b[31mred\u001b[39m", 5)).toBe("\u001b[31mred\u001b[39m");
  });

  it("--until done holds when every job seen is done, and ends at the first failure", () => {
    const done = new UntilTracker("done");
    expect(done.poll(0)).toBeUndefined();
    expect(done.event({ kind: "added", entity: { id: "a", status: "running" }, changed: [] })).toBeUndefined();
    expect(done.poll(1)).toBeUndefined();
    done.event({ kind: "changed", entity: { id: "a", status: "done" }, changed: ["status"] });
    expect(done.poll(0)).toMatchObject({ exitCode: 0 });
    expect(done.event({ kind: "changed", entity: { id: "b", status: "aborted", name: "x" }, changed: ["status"] })).toMatchObject({ exitCode: 6 });
  });
});
