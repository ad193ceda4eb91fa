import { describe, expect, it } from "vitest";
import { holdQueue, jobReport, retryFailed, speedLimit } from "../src/pipeline.js";
import { emulator, sessionAs } from "./emulator.js";

const admin = sessionAs();

describe("the farm's jobs", () => {
  it("reports the seed's transfers by status", async () => {
    expect(await jobReport(admin)).toEqual({ done: 1, failed: 1, waiting: 1 });
  });

  it("retries the failed transfer", async () => {
    expect(await retryFailed(admin)).toEqual(["farm-broken"]);
    expect(await jobReport(admin)).toEqual({ done: 1, waiting: 2 });
  });

  it("has nothing to retry twice", async () => {
    await retryFailed(admin);
    expect(await retryFailed(admin)).toEqual([]);
  });

  it("finds the failed transfer again after the reset", async () => {
    expect((await admin.find("Transfer WHERE status=failed")).map((j) => j.code)).toEqual(["farm-broken"]);
  });

  it("holds the waiting queue", async () => {
    expect(await holdQueue(admin)).toBe(1);
    expect(await jobReport(admin)).toEqual({ done: 1, failed: 1, paused: 1 });
  });

  it("holds nothing when nothing waits", async () => {
    await holdQueue(admin);
    expect(await holdQueue(admin)).toBe(0);
  });

  it("reads the seeded speed limit", async () => {
    expect(await speedLimit(admin)).toBe(250);
  });

  it("reads a changed speed limit, and the seed's again after the reset", async () => {
    await admin.setSetting("workspace", "transfer_speedlimit", "10");
    expect(await speedLimit(admin)).toBe(10);
    await emulator.reset();
    expect(await speedLimit(admin)).toBe(250);
  });
});
