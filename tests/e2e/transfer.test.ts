/**
 * Issue 5 through the SDK: the transfer story — create, wait for done with progress, pause/resume,
 * abort, tasks and duplicates — against an emulator whose jobs move 400 kB/s.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccsynJobError } from "@accsyn/api";
import { expectApiError, startE2E, writeFileAt, type E2E } from "./support.js";

const RATE = 400_000;
let e2e: E2E;
let laptop: string;
const poll = { intervalMs: 10, timeoutMs: 15_000 };

beforeAll(async () => {
  e2e = await startE2E({ jobs: { rate: RATE, tickMs: 10, pickupMs: 20 } });
  laptop = e2e.sandbox("admin-laptop");
  writeFileAt(join(laptop, "media", "a.bin"), "a".repeat(120_000));
  writeFileAt(join(laptop, "media", "b.bin"), "b".repeat(80_000));
  writeFileAt(join(laptop, "media", "big.bin"), "x".repeat(800_000));
});
afterAll(async () => {
  await e2e.stop();
});

describe("transfer story", () => {
  it("creates a transfer and waits for done while progress, speed and size are maintained", async () => {
    const { admin } = e2e;
    const job = await admin.create("Job", {
      tasks: [
        { source: "/media/a.bin", destination: "share=projects/ingest/" },
        { source: "/media/b.bin", destination: "share=projects/ingest/" },
      ],
    });
    expect(job.name).toBe("a.bin");
    expect(job.status).toBe("init");
    const seen: Array<{ status?: string; progress?: number; speed: unknown }> = [];
    const done = await admin.waitFor("Job", job.id, { ...poll, onProgress: (p) => seen.push({ status: p.status, progress: p.progress, speed: p.entity.speed }) });
    expect(done).toMatchObject({ status: "done", progress: 100, size: 200_000, speed: -1 });
    expect(done.finished).toBeInstanceOf(Date);
    const progress = seen.map((p) => p.progress ?? 0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.some((p) => p > 0 && p < 100)).toBe(true);
    expect(seen.some((p) => p.status === "running" && typeof p.speed === "number" && p.speed > 0)).toBe(true);
    expect(readFileSync(join(e2e.volumeDir, "ingest", "b.bin"), "utf8")).toHaveLength(80_000);
    const tasks = await admin.find("Task", { entityId: job.id });
    expect(tasks.map((t) => [t.uri, t.status, t.size])).toEqual([["0", "done", 120_000], ["1", "done", 80_000]]);
    expect(await admin.find(`Job WHERE id=${job.id}`)).toEqual([]);
    // findOne also looks among finished jobs when no active one matches (release notes 3.2.3)
    expect((await admin.findOne(`Job WHERE id=${job.id}`))?.status).toBe("done");
    expect((await admin.findOne(`Job WHERE id=${job.id}`, { finished: true }))?.status).toBe("done");
    expect((await admin.getEntity("Job", job.id))?.status).toBe("done");
  });

  it("pauses mid-way and resumes to done", async () => {
    const { admin } = e2e;
    const job = await admin.create("Job", { source: "/media/big.bin", destination: "share=projects/paused/", status: "waiting" });
    const running = await admin.waitFor("Job", job.id, { ...poll, intervalMs: 5, until: ["running"] });
    expect(running.status).toBe("running");
    await new Promise((r) => setTimeout(r, 150));
    const paused = await admin.update("Job", job.id, { status: "paused" });
    expect(paused.status).toBe("paused");
    const at = (await admin.getEntity("Job", job.id))?.progress ?? -1;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(100);
    await new Promise((r) => setTimeout(r, 100));
    expect(await admin.getEntity("Job", job.id)).toMatchObject({ status: "paused", progress: at });
    expect(existsSync(join(e2e.volumeDir, "paused", "big.bin"))).toBe(false);
    expect(await admin.update("Job", job.id, { status: "waiting" })).toMatchObject({ status: "waiting" });
    expect(await admin.waitFor("Job", job.id, poll)).toMatchObject({ status: "done", progress: 100 });
    expect(readFileSync(join(e2e.volumeDir, "paused", "big.bin"), "utf8")).toHaveLength(800_000);
  });

  it("aborts mid-way: waitFor rejects with the job's status and nothing is written", async () => {
    const { admin } = e2e;
    const job = await admin.create("Job", { source: "/media/big.bin", destination: "share=projects/aborted/", status: "waiting" });
    const waiting = admin.waitFor("Job", job.id, { ...poll, intervalMs: 5 });
    await admin.waitFor("Job", job.id, { ...poll, intervalMs: 5, until: ["running"] });
    expect(await admin.update("Job", job.id, { status: "aborted" })).toMatchObject({ status: "aborted" });
    const err = await waiting.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccsynJobError);
    expect(err).toMatchObject({ jobId: job.id, jobStatus: "aborted" });
    await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(join(e2e.volumeDir, "aborted", "big.bin"))).toBe(false);
    expect((await admin.findOne(`Job WHERE id=${job.id}`, { finished: true }))?.status).toBe("aborted");
  });

  it("a missing source fails the task and the job with a message", async () => {
    const { admin } = e2e;
    const job = await admin.create("Job", { source: "/media/ghost.bin", destination: "share=projects/ghost/" });
    await expectApiError(admin.waitFor("Job", job.id, poll), /ended with status failed/);
    expect((await admin.find("Task", { entityId: job.id })).map((t) => t.status)).toEqual(["failed"]);
  });

  it("a transfer created paused gets its size measured and stays paused", async () => {
    const { admin } = e2e;
    const job = await admin.create("Job", { source: "/media/a.bin", destination: "share=projects/measured/", status: "paused" });
    expect(job).toMatchObject({ status: "paused", size: 120_000 });
    await new Promise((r) => setTimeout(r, 50));
    expect((await admin.getEntity("Job", job.id))?.status).toBe("paused");
  });
});

describe("tasks and duplicates", () => {
  it("adds tasks to a job, retries duplicates, refuses or replaces them on request", async () => {
    const { admin } = e2e;
    const job = await admin.create("Job", { name: "batch", source: "/media/a.bin", destination: "share=projects/batch/", status: "paused" });
    const added = await admin.create("Task", { source: "/media/b.bin", destination: "share=projects/batch/" }, { entityId: job.id });
    // a task's source is a party dict (doc/transfers.rst); the upload's path and the uploading user
    expect(added).toMatchObject({ uri: "1", status: "queued", source: { path: "/media/b.bin", user: job.user } });
    await admin.updateMany("Task", job.id, [{ uri: "1", status: "failed" }]);
    const retried = await admin.create("Task", { source: "/media/b.bin", destination: "share=projects/batch/" }, { entityId: job.id });
    expect(retried).toMatchObject({ id: added.id, uri: "1", status: "queued" });
    const allowed = await admin.create("Task", [{ source: "/media/b.bin", destination: "share=projects/batch/" }], { entityId: job.id, allowDuplicates: true });
    // tasks from a list answer a list, even of one (issue 17: create of a list returns T[])
    expect(allowed).toEqual([expect.objectContaining({ id: added.id })]);
    await expectApiError(
      admin.create("Task", [{ source: "/media/b.bin", destination: "share=projects/batch/" }], { entityId: job.id, allowDuplicates: false }),
      /Duplicate task/,
    );
    const replaced = await admin.create("Task", { source: "/media/b.bin", destination: "share=projects/batch/", priority: 9 }, { entityId: job.id, replaceDuplicates: true });
    expect(replaced).toMatchObject({ id: added.id, priority: 9 });
    expect(await admin.find("Task", { entityId: job.id })).toHaveLength(2);
    await expectApiError(admin.create("Job", { source: "/media/a.bin", destination: "share=projects/batch/" }, { allowDuplicates: false }), /Duplicate task/);

    const onhold = await admin.updateMany("Task", job.id, [{ uri: "0", status: "onhold" }, { id: added.id, status: "onhold" }]);
    expect(onhold.map((t) => t.status)).toEqual(["onhold", "onhold"]);
    await admin.updateMany("Task", job.id, [{ uri: "0", status: "queued" }, { uri: "1", status: "excluded" }]);
    await admin.update("Job", job.id, { status: "waiting" });
    await admin.waitFor("Job", job.id, poll);
    expect((await admin.find("Task", { entityId: job.id })).map((t) => t.status)).toEqual(["done", "excluded"]);
    expect(existsSync(join(e2e.volumeDir, "batch", "b.bin"))).toBe(false);
  });

  it("appends a file to the user's recent transfer and revives it", async () => {
    const { admin } = e2e;
    const first = await admin.create("Job", { source: "/media/a.bin", destination: "share=projects/append/", status: "waiting" });
    await admin.waitFor("Job", first.id, poll);
    const appended = await admin.create("Job", { source: "/media/b.bin", destination: "share=projects/append/", append: true });
    expect(appended.id).toBe(first.id);
    expect(appended.status).not.toBe("done");
    await admin.waitFor("Job", first.id, poll);
    const sources = (await admin.find("Task", { entityId: first.id })).map((t) => (t.source as unknown as { path: string }).path); // TODO(shapes-sdk): task source is a party dict
    expect(sources).toEqual(["/media/a.bin", "/media/b.bin"]);
  });

  it("an upload needs a client of the uploading user", async () => {
    const { admin } = e2e;
    const nobody = await admin.create("User", { code: "noclient@example.com", role: "employee", api_key: "noclient-key" });
    const s = await e2e.connect(String(nobody.code), "noclient-key");
    await expectApiError(s.create("Job", { source: "/media/a.bin", destination: "share=projects/x/" }), /no client/);
  });
});
