/**
 * Issue 5 through the SDK: settings inheritance workspace → queue → job with `upstream` and
 * `omitDefaults`, and who may set and delete them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectApiError, startE2E, type E2E } from "./support.js";

let e2e: E2E;
let queueId: string;
let jobId: string;

const DEFAULTS = { transfer_speedlimit: "100", max_transfers: "10", notify_on_done: "true" };

beforeAll(async () => {
  e2e = await startE2E({ jobs: { run: false } });
  queueId = String((await e2e.admin.findOne("Queue WHERE code=urgent"))?.id);
  jobId = (await e2e.admin.create("Job", { name: "settings-job", source: "share=projects/s.mov", destination: "site=studio-b", parent: queueId })).id;
});
afterAll(async () => {
  await e2e.stop();
});

describe("settings inheritance", () => {
  it("workspace settings fall back to the documented defaults, which omitDefaults drops", async () => {
    const { admin } = e2e;
    expect(await admin.getSettings({ omitDefaults: false })).toEqual(DEFAULTS);
    expect(await admin.getSettings()).toEqual({});
    expect(await admin.getSetting("max_transfers")).toBe("10");
    expect(await admin.getSetting("no_such_setting")).toBeNull();
  });

  it("merges workspace → queue → job with upstream; each scope keeps only its own values without it", async () => {
    const { admin } = e2e;
    expect(await admin.setSetting("workspace", "transfer_speedlimit", "50")).toBe(true);
    expect(await admin.setSetting("queue", "max_transfers", "3", { entityId: queueId })).toBe(true);
    expect(await admin.setSetting("queue", "transfer_speedlimit", "75", { entityId: queueId })).toBe(true);
    expect(await admin.setSetting("job", "notify_on_done", "false", { entityId: jobId })).toBe(true);

    expect(await admin.getSettings({ entitytype: "job", entityId: jobId })).toEqual({ notify_on_done: "false" });
    expect(await admin.getSettings({ entitytype: "job", entityId: jobId, upstream: true })).toEqual({
      transfer_speedlimit: "75", max_transfers: "3", notify_on_done: "false",
    });
    expect(await admin.getSettings({ entitytype: "queue", entityId: queueId, upstream: true, omitDefaults: false })).toEqual({
      ...DEFAULTS, transfer_speedlimit: "75", max_transfers: "3",
    });
    expect(await admin.getSettings({ entitytype: "workspace", omitDefaults: true })).toEqual({ transfer_speedlimit: "50" });

    expect(await admin.deleteSetting("queue", "transfer_speedlimit", { entityId: queueId })).toBe(true);
    expect(await admin.getSettings({ entitytype: "job", entityId: jobId, upstream: true })).toMatchObject({ transfer_speedlimit: "50" });
    expect(await admin.deleteSetting("workspace", "transfer_speedlimit")).toBe(true);
    const merged = await admin.getSettings({ entitytype: "job", entityId: jobId, upstream: true, omitDefaults: false });
    expect(merged).toEqual({ transfer_speedlimit: "100", max_transfers: "3", notify_on_done: "false" });
    expect(await admin.getSettings({ entitytype: "job", entityId: jobId, upstream: true })).toEqual({ max_transfers: "3", notify_on_done: "false" });
  });

  it("reads one setting of a scope by name", async () => {
    const { admin } = e2e;
    expect(await admin.getSetting("notify_on_done", { entitytype: "job", entityId: jobId })).toBe("false");
    expect(await admin.getSetting("max_transfers", { entitytype: "queue", entityId: queueId })).toBe("3");
  });

  it("setting and deleting need write access to the scope", async () => {
    const { employee, standard } = e2e;
    await expectApiError(employee.setSetting("workspace", "max_transfers", "1"), /may not change settings/);
    await expectApiError(employee.setSetting("queue", "max_transfers", "1", { entityId: queueId }), /may not change settings/);
    await expectApiError(employee.deleteSetting("queue", "max_transfers", { entityId: queueId }), /may not change settings/);
    expect(await employee.setSetting("job", "max_transfers", "2", { entityId: jobId })).toBe(true);
    expect(await employee.getSettings({ entitytype: "job", entityId: jobId })).toEqual({ notify_on_done: "false", max_transfers: "2" });
    await expectApiError(standard.setSetting("workspace", "max_transfers", "1"), /may not change settings/);
    await expectApiError(standard.getSettings({ entitytype: "job", entityId: jobId }), /not found/);
    const own = e2e.emu.users.find((u) => u.role === "standard")?.id ?? "";
    expect(await standard.setSetting("user", "notify_on_done", "false", { entityId: own })).toBe(true);
    expect(await standard.getSettings({ entitytype: "user", entityId: own, upstream: true, omitDefaults: false })).toMatchObject({ notify_on_done: "false" });
  });
});
