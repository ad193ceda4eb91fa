import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../src/index.js";
import { RawClient } from "./client.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu.stop();
});

describe("smoke", () => {
  it("logs in and finds users", async () => {
    const admin = await RawClient.as(emu, "admin");
    expect(admin.role).toBe("admin");
    const users = await admin.find("user");
    expect(users.map((u) => u.code).sort()).toEqual(["admin@acme.test", "employee@acme.test", "standard@acme.test"]);
  });
});
