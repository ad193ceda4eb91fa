/**
 * A real pipeline, as the accsyn organisation's public scripts build them (backup, publish, ftrack outsourcing:
 * accsyn doc tutorials/outsourcing-pipeline.md "Locate daily sync transfer … Create or append to existing job";
 * developer/job-specification.md "Job count limit": "load a daily sync job for each source-destination pair
 * (create if not exists) and add tasks"), run three times through the SDK against the emulator:
 * 1. the job named by `code` does not exist: create it with its tasks, settings and metadata;
 * 2. a second run finds it with findOne, reads its tasks, adds the new files, holds one back with updateMany and
 *    releases it again, and polls progress until done;
 * 3. a run after it is done finds the finished job with findOne and adds a file: the job resumes and finishes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Session } from "@accsyn/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startE2E, writeFileAt, type E2E } from "./support.js";

let e2e: E2E;
const log: string[] = [];

beforeAll(async () => {
  e2e = await startE2E({ jobs: { rate: 0, tickMs: 5, pickupMs: 50 } });
});
afterAll(async () => {
  await e2e.stop();
});

const CODE = "backup-projects-daily";

/** Waits for the job to finish, logging its progress as a script would. */
async function poll(session: Session, id: string): Promise<string> {
  for (let i = 0; i < 1000; i++) {
    const job = await session.getEntity("Job", id);
    if (job && (job.status === "done" || job.status === "failed")) return String(job.status);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`job ${id} did not finish`);
}

/** One run of the backup script: find the job by code or create it, then add whatever is new and wait. */
async function backup(session: Session, projects: string[]): Promise<string> {
  const job = await session.findOne(`Job WHERE code="${CODE}"`);
  const tasks = projects.map((p) => ({ source: `share=projects/work/${p}`, destination: "site=studio-b" }));
  if (!job) {
    const created = await session.create("Job", { code: CODE, tasks, settings: { task_bucketsize: "1" }, metadata: { script: "backup" }, status: "waiting" });
    log.push(`run: created job ${CODE} with ${projects.length} task(s)`);
    log.push(`done: ${await poll(session, created.id)}`);
    return created.id;
  }
  const existing = await session.find("Task", { entityId: job.id });
  log.push(`run: found job ${CODE} (${String(job.status)}) with ${existing.length} task(s)`);
  const known = new Set(existing.map((t) => String((t.source as unknown as { path: string }).path).split("/").pop()));
  const fresh = tasks.filter((t) => !known.has(t.source.split("/").pop()));
  const added = [];
  for (const task of fresh) added.push(await session.create("Task", task, { entityId: job.id }));
  log.push(`added ${added.length} task(s)`);
  if (added.length > 1) {
    const held = await session.updateMany("Task", job.id, [{ uri: String(added[1]?.uri), status: "onhold" }]);
    log.push(`held task ${String(held[0]?.uri)}: ${String(held[0]?.status)}`);
    await session.updateMany("Task", job.id, [{ uri: String(added[1]?.uri), status: "queued" }]);
  }
  log.push(`done: ${await poll(session, job.id)}`);
  return job.id;
}

describe("a real pipeline against the emulator", () => {
  it("creates the job named by code, finds and extends it on the next run, and resumes it after it is done", async () => {
    const { admin } = e2e;
    for (const p of ["P1", "P2", "P3", "P4"]) writeFileAt(join(e2e.volumeDir, "work", p, "scene.txt"), `scene of ${p}`);
    const id = await backup(admin, ["P1"]);
    expect(await backup(admin, ["P1", "P2", "P3"])).toBe(id);
    expect(await backup(admin, ["P1", "P2", "P3", "P4"])).toBe(id);
    expect(log).toEqual([
      `run: created job ${CODE} with 1 task(s)`, "done: done",
      `run: found job ${CODE} (done) with 1 task(s)`, "added 2 task(s)", "held task 2: onhold", "done: done",
      `run: found job ${CODE} (done) with 3 task(s)`, "added 1 task(s)", "done: done",
    ]);
    const tasks = await admin.find("Task", { entityId: id });
    expect(tasks.map((t) => [t.uri, t.status])).toEqual([["0", "done"], ["1", "done"], ["2", "done"], ["3", "done"]]);
    const site = await admin.findOne("Site WHERE code=studio-b");
    const mirrored = join(e2e.emu.dataDir, "sites", String(site?.id), "projects", "work", "P4", "scene.txt");
    expect(readFileSync(mirrored, "utf8")).toBe("scene of P4");
  });
});
