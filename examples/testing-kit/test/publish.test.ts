import { describe, expect, it } from "vitest";
import { publishShot } from "../src/pipeline.js";
import { sessionAs } from "./emulator.js";

const admin = sessionAs();

describe("publishShot", () => {
  it("sends every file of the shot as one transfer", async () => {
    const { id, files } = await publishShot(admin, { shot: "sh010", reviewer: "rita@acme.test" });
    expect(files).toBe(2);
    const job = await admin.getEntity("Transfer", id);
    expect(job?.name).toBe("publish-sh010");
    expect(job?.status).not.toBe("paused"); // queued: the backend moves it on
  });

  it("leaves the transfer paused when asked", async () => {
    const { id } = await publishShot(admin, { shot: "sh020", reviewer: "rita@acme.test", start: false });
    expect((await admin.getEntity("Transfer", id))?.status).toBe("paused");
  });

  it("names the reviewer as the destination", async () => {
    const { id } = await publishShot(admin, { shot: "sh010", reviewer: "rita@acme.test" });
    expect((await admin.getEntity("Transfer", id))?.destination_hr).toContain("rita@acme.test");
  });

  it("refuses an empty shot folder with the folder in the message", async () => {
    await expect(publishShot(admin, { shot: "sh030", reviewer: "rita@acme.test" })).rejects.toThrow("Nothing to publish: share=renders/sh030 has no files");
  });

  it("refuses a shot folder that does not exist with the backend's reason", async () => {
    await expect(publishShot(admin, { shot: "sh999", reviewer: "rita@acme.test" })).rejects.toThrow(/sh999/);
  });

  it("sees only the seed's transfers at the start of a test (the previous tests' publishes are gone)", async () => {
    const names = (await admin.find("Transfer", { finished: true })).concat(await admin.find("Transfer")).map((j) => j.name);
    expect(names.sort()).toEqual(["farm-broken", "farm-ok", "farm-queued"]);
  });

  it("publishes twice as two jobs", async () => {
    const a = await publishShot(admin, { shot: "sh010", reviewer: "rita@acme.test" });
    const b = await publishShot(admin, { shot: "sh010", reviewer: "rita@acme.test" });
    expect(a.id).not.toBe(b.id);
  });
});
