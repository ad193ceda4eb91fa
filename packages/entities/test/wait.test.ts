/**
 * `waitFor`: polls a job until a wanted status; failures, timeouts and cancellation.
 */
import { AccsynAbortError, AccsynApiError, AccsynJobError, AccsynNetworkError, AccsynNotFoundError, AccsynProtocolError, AccsynRateLimitError } from "@accsyn/core";
import { waitFor, type WaitProgress, type PollRetry } from "@accsyn/entities";
import type { Transfer } from "@accsyn/core";
import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../tests/support/test-server.js";
import { harness, type Harness } from "./harness.js";

const JOB = "bf4eef818716bafab22ac70a";
let h: Harness | undefined;
afterEach(async () => {
  h?.session.close();
  await h?.server.close();
  h = undefined;
});

/** Answers the job with the given statuses in turn, the last one from then on. */
function statuses(...sequence: Array<{ status: string; progress?: number }>) {
  let poll = 0;
  return () => {
    const step = sequence[Math.min(poll++, sequence.length - 1)]!;
    return { body: { result: [{ id: JOB, name: "dailies-042", ...step }] } };
  };
}

describe("waitFor", () => {
  it("polls until done, reporting status and progress on every poll", async () => {
    h = await harness(statuses({ status: "waiting", progress: 0 }, { status: "running", progress: 40 }, { status: "done", progress: 100 }));
    const seen: Array<WaitProgress<Transfer>> = [];
    const job = await h.session.waitFor("job", JOB, { intervalMs: 10, onProgress: (p) => seen.push(p) });
    expect(job.status).toBe("done");
    expect(seen.map(({ status, progress }) => [status, progress])).toEqual([
      ["waiting", 0],
      ["running", 40],
      ["done", 100],
    ]);
    expect(seen[2]!.entity).toEqual(job);
    expect(h.sent()).toEqual(Array(3).fill({ method: "GET", uri: "job/find", data: {}, id: JOB }));
  });

  it("accepts custom until statuses", async () => {
    h = await harness(statuses({ status: "init" }, { status: "paused" }));
    const job = await waitFor(h.session, "transfer", JOB, { until: ["paused"], intervalMs: 5 });
    expect(job.status).toBe("paused");
  });

  it("rejects with an AccsynJobError (an AccsynApiError) naming the job when it fails", async () => {
    h = await harness(statuses({ status: "running" }, { status: "failed" }));
    const error = await h.session.waitFor("job", JOB, { intervalMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynApiError);
    expect(error).toBeInstanceOf(AccsynJobError);
    expect(error).toMatchObject({ jobId: JOB, jobStatus: "failed", code: "ACCSYN_JOB" });
    expect((error as Error).message).toBe(`The job "dailies-042" (${JOB}) ended with status failed.`);
  });

  it("rejects with an AccsynNotFoundError (not an AccsynJobError) when the job cannot be found", async () => {
    h = await harness(() => ({ body: { result: [] } }));
    const error = await h.session.waitFor("job", JOB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynNotFoundError);
    expect(error).toBeInstanceOf(AccsynApiError);
    expect(error).not.toBeInstanceOf(AccsynJobError);
    expect(error).toMatchObject({ code: "ACCSYN_NOT_FOUND", entityType: "job", entityId: JOB, uri: "job/find" });
    expect((error as Error).message).toBe(`Cannot wait for job (${JOB}): it was not found. Check the id, and that your user may see it.`);
  });

  it("also reports a backend's 404 answer as an AccsynNotFoundError", async () => {
    h = await harness(() => ({ status: 404, body: { message: "No such job" } }));
    const error = await h.session.waitFor("job", JOB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynNotFoundError);
    expect(error).toMatchObject({ status: 404, backendMessage: "No such job" });
  });

  it("times out with an AccsynNetworkError (ETIMEDOUT)", async () => {
    h = await harness(statuses({ status: "running" }));
    const started = Date.now();
    const error = await h.session.waitFor("job", JOB, { intervalMs: 20, timeoutMs: 120 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynNetworkError);
    expect((error as AccsynNetworkError).networkCode).toBe("ETIMEDOUT");
    expect((error as Error).message).toMatch(/^Timed out after 120 ms waiting for the job "dailies-042"/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    // State, not a clock: once it gave up, it polls no more.
    const polls = h.sent().length;
    await new Promise((r) => setTimeout(r, 100));
    expect(h.sent()).toHaveLength(polls);
  });

  it("cancels promptly through the signal, between polls and before the first", async () => {
    h = await harness(statuses({ status: "running" }));
    const controller = new AbortController();
    const pending = h.session.waitFor("job", JOB, { intervalMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(pending).rejects.toBeInstanceOf(AccsynAbortError);
    // Between polls: it ended before the next poll (60 s away), having sent only the first.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(h.sent()).toHaveLength(1);
    await expect(h.session.waitFor("job", JOB, { signal: controller.signal })).rejects.toBeInstanceOf(AccsynAbortError);
    expect(h.sent()).toHaveLength(1);
  });

  it("refuses an invalid id before polling", async () => {
    h = await harness(statuses({ status: "done" }));
    await expect(h.session.waitFor("job", "dailies")).rejects.toThrow(/^Invalid entity ID supplied!/);
    await expect(h.session.waitFor("job", JOB, { intervalMs: -1 })).rejects.toThrow(/intervalMs/);
    expect(h.sent()).toEqual([]);
  });
});

describe("waitFor through a backend that blips", () => {
  const job = (status: string, progress: number): Reply => ({ body: { result: [{ id: JOB, name: "dailies-042", status, progress }] } });
  /** Answers in turn, the last one from then on. */
  const answers = (...sequence: Reply[]) => {
    let poll = 0;
    return () => sequence[Math.min(poll++, sequence.length - 1)]!;
  };

  it("retries network errors, 502/503/504 and 429 with back-off (a 429's Retry-After honoured), then resolves", async () => {
    h = await harness(
      answers(
        job("running", 10),
        { status: 503, body: "<html>restarting</html>", contentType: "text/html" },
        { destroy: true },
        { status: 429, body: { message: "Too Many Requests" }, headers: { "retry-after": "1" } },
        { status: 502, body: "<html>bad gateway</html>", contentType: "text/html" },
        { status: 504, body: { message: "gateway timeout" } },
        job("done", 100),
      ),
      { rateLimitRetries: 0 },
    );
    const retries: PollRetry[] = [];
    const job_ = await h.session.waitFor("job", JOB, { intervalMs: 5, maxIntervalMs: 20, onRetry: (r) => retries.push(r) });
    expect(job_).toMatchObject({ status: "done", progress: 100 });
    expect(retries.map((r) => [r.failures, r.delay])).toEqual([[1, 20], [2, 20], [3, 1000], [4, 20], [5, 20]]);
    expect(retries.map((r) => (r.error as Error).constructor.name)).toEqual(["AccsynProtocolError", "AccsynNetworkError", "AccsynRateLimitError", "AccsynProtocolError", "AccsynApiError"]);
    expect(retries[0]!.error).toBeInstanceOf(AccsynProtocolError);
    expect(retries[2]!.error).toBeInstanceOf(AccsynRateLimitError);
    expect(retries[4]!.error).toMatchObject({ status: 504 });
    expect(h.sent()).toHaveLength(7);
    const lines = h.warnings.filter((w) => w.startsWith(`waitFor job (${JOB})`));
    expect(lines).toHaveLength(2); // the outage once, then the recovery
    expect(lines[1]).toBe(`waitFor job (${JOB}): the backend answers again after 5 failed poll(s).`);
  });

  it("does not retry a refusal: a 403 ends the wait at once with the backend's reason", async () => {
    h = await harness(answers(job("running", 10), { status: 403, body: { message: "Permission denied" } }));
    const retries: PollRetry[] = [];
    const error = await h.session.waitFor("job", JOB, { intervalMs: 5, onRetry: (r) => retries.push(r) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynApiError);
    expect(error).toMatchObject({ status: 403, backendMessage: "Permission denied" });
    expect(retries).toEqual([]);
    expect(h.sent()).toHaveLength(2);
  });

  it("times out while the backend is down, naming the last failure", async () => {
    h = await harness(answers(job("running", 10), { destroy: true }));
    const error = await h.session.waitFor("job", JOB, { intervalMs: 5, maxIntervalMs: 20, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynNetworkError);
    expect(error).toMatchObject({ networkCode: "ETIMEDOUT" });
    expect((error as Error).message).toMatch(/^Timed out after 300 ms waiting for the job "dailies-042" \(\w+\) to reach done; the last poll failed: Could not complete GET job\/find/);
    expect(h.sent().length).toBeGreaterThan(2);
  });
});
