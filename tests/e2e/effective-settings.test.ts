/**
 * Issue 17 through the SDK: `getSettings({ withSources: true })` shows every setting in force and
 * where its value comes from (default, workspace, entity, inherited), worked out client-side from
 * `upstream`/`omit_defaults` reads against the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startE2E, type E2E } from "./support.js";

let e2e: E2E;
let queueId: string;
let jobId: string;

beforeAll(async () => {
  e2e = await startE2E({ jobs: { run: false } });
  queueId = String((await e2e.admin.findOne("Queue WHERE code=urgent"))?.id);
  jobId = (await e2e.admin.create("Job", { name: "effective-job", source: "share=projects/e.mov", destination: "site=studio-b", parent: queueId })).id;
  await e2e.admin.setSetting("workspace", "max_transfers", "4");
  await e2e.admin.setSetting("queue", "transfer_speedlimit", "50", { entityId: queueId });
  await e2e.admin.setSetting("job", "notify_on_done", "false", { entityId: jobId });
});
afterAll(async () => {
  await e2e.stop();
});

describe("effective settings with their source", () => {
  it("on the workspace: defaults and the workspace's own values", async () => {
    expect(await e2e.admin.getSettings({ withSources: true })).toEqual([
      { name: "max_transfers", value: "4", source: "workspace" },
      { name: "notify_on_done", value: "true", source: "default" },
      { name: "transfer_speedlimit", value: "100", source: "default" },
    ]);
  });

  it("on a job: its own value, its queue's (inherited), the workspace's and a default", async () => {
    expect(await e2e.admin.getSettings({ entitytype: "job", entityId: jobId, withSources: true })).toEqual([
      { name: "max_transfers", value: "4", source: "workspace" },
      { name: "notify_on_done", value: "false", source: "entity" },
      { name: "transfer_speedlimit", value: "50", source: "inherited" },
    ]);
  });

  it("the plain object answer is unchanged without withSources", async () => {
    expect(await e2e.admin.getSettings()).toEqual({ max_transfers: "4" });
  });
});
