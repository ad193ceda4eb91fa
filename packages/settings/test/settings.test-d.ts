import { describe, expectTypeOf, it } from "vitest";
import { Session } from "@accsyn/core";
import { settings, setSetting, type LogsAnswer } from "@accsyn/settings";

const SettingsSession = Session.plugin(settings);
declare const session: InstanceType<typeof SettingsSession>;

describe("Session.plugin(settings)", () => {
  it("types the settings methods", () => {
    expectTypeOf(SettingsSession.connect()).resolves.toHaveProperty("setSetting");
    expectTypeOf(session.getSetting()).resolves.toBeUnknown();
    expectTypeOf(session.getSettings({ upstream: true })).resolves.toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf(session.logs()).resolves.toEqualTypeOf<LogsAnswer>();
    expectTypeOf(setSetting(session, "workspace", "x", "1", { entityId: "a" })).resolves.toEqualTypeOf<boolean>();
    // @ts-expect-error values are strings: JSON-encode objects first
    void session.setSetting("workspace", "x", { a: 1 });
    // @ts-expect-error Python option names are not accepted
    void session.getSettings({ omit_defaults: false });
  });
});
