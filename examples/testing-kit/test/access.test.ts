import { describe, expect, it } from "vitest";
import { AccsynApiError } from "@accsyn/api";
import { shareWithReviewer } from "../src/pipeline.js";
import { emulator, sessionAs } from "./emulator.js";

const admin = sessionAs();
const rita = sessionAs("rita@acme.test");

describe("shareWithReviewer", () => {
  it("grants read access to the dailies folder", async () => {
    expect(await shareWithReviewer(admin, "rita@acme.test", "dailies")).toBe(true);
    expect((await rita.ls("share=dailies")).map((e) => e.filename).sort()).toEqual(["beauty.0001.exr", "beauty.0002.exr"]);
  });

  it("does not grant twice", async () => {
    await shareWithReviewer(admin, "rita@acme.test", "dailies");
    expect(await shareWithReviewer(admin, "rita@acme.test", "dailies")).toBe(false);
  });

  it("leaves the reviewer without access after the reset", async () => {
    const refused = await rita.ls("share=dailies").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AccsynApiError);
  });

  it("names an unknown reviewer", async () => {
    await expect(shareWithReviewer(admin, "nobody@acme.test", "dailies")).rejects.toThrow("No user nobody@acme.test");
  });

  it("exports the state it made, for a fixture of another suite", async () => {
    await shareWithReviewer(admin, "rita@acme.test", "dailies");
    const seed = await emulator.export();
    expect(seed.users.map((u) => u.code)).toContain("rita@acme.test");
    expect(JSON.stringify(seed.snapshot?.tables)).toContain("read");
  });
});
