/**
 * Crash during a running transfer: the emulator bin (`--data DIR --rate …`) is SIGKILLed mid-transfer, restarted on
 * the same data directory, and the job must resume to `done` with a complete, identical copy — or end `failed`
 * cleanly — never `done` with a partial file. The kill comes twice: mid-progress and again right after a restart.
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
  writeFileSync(join(dir, "volumes", "projects", "big.bin"), randomBytes(SIZE));
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
  it("resumes to done with an identical copy, or fails cleanly, after SIGKILL and restart", async () => {
    const source = join(dir, "volumes", "projects", "big.bin");
    const target = join(dir, "volumes", "projects", "out", "copy.bin");
    let { emu, admin } = await start();
    const job = await admin.create("transfer", { name: "crash", source: "share=projects/big.bin", destination: "share=projects/out/copy.bin", status: "waiting" });

    // First kill: mid-progress.
    const mid = await waitJob(admin, job.id, (j) => j.status === "running" && Number(j.progress) >= 25, 20_000);
    await kill(emu, admin);
    expect(Number(mid.progress)).toBeLessThan(100);
    const partialAtKill = existsSync(target) ? statSync(target).size : 0;

    // Second kill: right after the restart, while the job is being picked up again.
    ({ emu, admin } = await start());
    const resumed = await waitJob(admin, job.id, () => true, 5_000);
    expect(resumed.status).not.toBe("done");
    await sleep(150);
    await kill(emu, admin);

    ({ emu, admin } = await start());
    const final = await waitJob(admin, job.id, (j) => j.status === "done" || j.status === "failed", 30_000);
    const tasks = await admin.find("task", { entityId: job.id });
    const copied = existsSync(target) ? statSync(target).size : -1;
    console.log(`crash-transfer: killed at ${String(mid.progress)}% (target ${partialAtKill} bytes), resumed at ${String(resumed.progress)}%, ` +
      `then ${String(final.status)} with ${copied} of ${SIZE} bytes at the destination`);
    reportFigures("crash", { kills: 2, restarts: 2, halfDoneJobs: final.status === "done" && copied !== SIZE ? 1 : 0, resumedToDone: final.status === "done" ? 1 : 0 });

    if (final.status === "done") {
      expect(copied).toBe(SIZE);
      expect(sha(target)).toBe(sha(source));
      expect(final.progress).toBe(100);
      expect(tasks.every((t) => t.status === "done")).toBe(true);
    } else {
      expect(final.status).toBe("failed");
      expect(tasks.some((t) => t.status === "failed")).toBe(true);
      expect(copied === -1 || copied === SIZE).toBe(true);
    }
    admin.close();
  }, 60_000);
});
