/** Issue 17: `create` answers a list exactly when the data makes one, against the emulator. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startE2E, type E2E } from "./support.js";

let e2e: E2E;
let jobId: string;
beforeAll(async () => {
  e2e = await startE2E({ jobs: { run: false } });
  jobId = (await e2e.admin.create("Job", { name: "answers", source: "share=projects/a.mov", destination: "site=studio-b" })).id;
});
afterAll(async () => {
  await e2e.stop();
});

describe("create answers", () => {
  it("tasks from a one-item list answer a one-item list (the reference unwraps it)", async () => {
    const tasks = await e2e.admin.create("task", [{ source: "share=projects/b.mov", destination: "site=studio-b" }], { entityId: jobId });
    expect(Array.isArray(tasks)).toBe(true);
    expect(tasks).toHaveLength(1);
  });

  it("a job from a list of tasks answers the one job", async () => {
    const job = await e2e.admin.create("job", [{ source: "share=projects/c.mov", destination: "site=studio-b" }]);
    expect(Array.isArray(job)).toBe(false);
    expect(job.id).toMatch(/^[0-9a-f]{24}$/);
  });
});
