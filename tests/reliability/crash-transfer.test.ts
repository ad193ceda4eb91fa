/**
 * Crash during a running transfer: the emulator bin (`--data DIR --rate …`) is SIGKILLed mid-transfer and restarted
 * on the same data directory. Both outcomes are forced, each in its own test, and neither may leave a job `done`
 * with a partial file: with its source intact the job resumes to `done` with an identical copy (killed twice: mid-
 * progress and right after a restart); with its source gone while the emulator was down, it ends `failed` cleanly
 * (no file at the destination, no task claiming `done`), and stays so across another restart.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "@accsyn/api";
import { bundleEmulatorBin, emulatorSessionOptions, removeBundle, startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process.js";
import { reportFigures } from "../support/reliability-report.js";

const SIZE = 6 * 1024 * 1024;
const RATE = 2 * 1024 * 1024;

let bin = "";
let dir = "";
const running: EmulatorProcess[] = [];

beforeAll(() => {
  bin = bundleEmulatorBin();
  dir = mkdtempSync(join(tmpdir(), "accsyn-crash-"));
  mkdirSync(join(dir, "volumes", "projects"), { recursive: true });
}, 60_000);
afterAll(async () => {
  for (const p of running) await p.stop();
  removeBundle(bin);
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

async function start(): Promise<{ emu: EmulatorProcess; admin: Session }> {
  const emu = await startEmulatorProcess(bin, ["--data", dir, "--rate", String(RATE)]);
  running.push(emu);
  return { emu, admin: new Session(emulatorSessionOptions(emu.url, "admin")) };
}

async function kill(emu: EmulatorProcess, admin: Session): Promise<void> {
  admin.close();
  emu.child.kill("SIGKILL");
  expect((await emu.exited).signal).toBe("SIGKILL");
}

/** Polls the job until `until` holds; answers the job. */
async function waitJob(admin: Session, id: string, until: (job: Record<string, unknown>) => boolean, ms: number): Promise<Record<string, unknown>> {
  const end = Date.now() + ms;
  for (;;) {
    const job = (await admin.getEntity("transfer", id)) as Record<string, unknown> | null;
    if (job && until(job)) return job;
    if (Date.now() > end) throw new Error(`job ${id} still ${JSON.stringify(job)} after ${ms} ms`);
    await sleep(50);
  }
}

describe("crash during a running transfer", () => {
  const source = (name: string) => join(dir, "volumes", "projects", name);
  const target = (name: string) => join(dir, "volumes", "projects", "out", name);
  const copied = (name: string) => (existsSync(target(name)) ? statSync(target(name)).size : -1);

  /** Starts the emulator, creates a transfer of `name` and SIGKILLs the emulator once the job is ≥ 25 % done. */
  async function killMidTransfer(name: string): Promise<{ id: string; killedAt: number }> {
    writeFileSync(source(name), randomBytes(SIZE));
    const { emu, admin } = await start();
    const job = await admin.create("transfer", { name, source: `share=projects/${name}`, destination: `share=projects/out/${name}`, status: "waiting" });
    const mid = await waitJob(admin, job.id, (j) => j.status === "running" && Number(j.progress) >= 25, 20_000);
    await kill(emu, admin);
    expect(Number(mid.progress)).toBeLessThan(100);
    expect(copied(name)).toBe(-1);
    return { id: job.id, killedAt: Number(mid.progress) };
  }

  it("resumes to done with an identical copy after SIGKILL mid-progress and again right after the restart", async () => {
    const { id, killedAt } = await killMidTransfer("big.bin");

    // Second kill: right after the restart, while the job is being picked up again.
    let { emu, admin } = await start();
    const resumed = await waitJob(admin, id, () => true, 5_000);
    expect(resumed.status).not.toBe("done");
    await sleep(150);
    await kill(emu, admin);

    ({ emu, admin } = await start());
    const final = await waitJob(admin, id, (j) => j.status === "done" || j.status === "failed", 30_000);
    const tasks = await admin.find("task", { entityId: id });
    console.log(`crash-transfer: killed at ${killedAt}%, resumed at ${String(resumed.progress)}%, then ${String(final.status)} with ${copied("big.bin")} of ${SIZE} bytes`);
    reportFigures("crash", { kills: 2, restarts: 2, halfDoneJobs: final.status === "done" && copied("big.bin") !== SIZE ? 1 : 0, resumedToDone: final.status === "done" ? 1 : 0 });
    expect(final.status).toBe("done");
    expect(copied("big.bin")).toBe(SIZE);
    expect(sha(target("big.bin"))).toBe(sha(source("big.bin")));
    expect(final.progress).toBe(100);
    expect(tasks.every((t) => t.status === "done")).toBe(true);
    admin.close();
    await emu.stop();
  }, 60_000);

  it("fails cleanly when the source disappeared while the emulator was down, and stays failed after another restart", async () => {
    const { id } = await killMidTransfer("gone.bin");
    rmSync(source("gone.bin"));

    let { emu, admin } = await start();
    const final = await waitJob(admin, id, (j) => j.status === "done" || j.status === "failed", 30_000);
    expect(final.status).toBe("failed");
    expect(copied("gone.bin")).toBe(-1);
    expect((await admin.find("task", { entityId: id })).some((t) => t.status === "done")).toBe(false);
    admin.close();
    await emu.stop();

    ({ emu, admin } = await start());
    await sleep(300);
    expect((await admin.getEntity("transfer", id))?.status).toBe("failed");
    expect(copied("gone.bin")).toBe(-1);
    admin.close();
  }, 60_000);
});
