import { describe, expectTypeOf, it } from "vitest";
import { Session } from "@accsyn/core";
import { getSetting, settings, setSetting, type EffectiveSetting, type LogsAnswer } from "@accsyn/settings";

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

describe("typed settings (issue 17)", () => {
  it("getSetting returns the typed value of a known setting name, unknown otherwise", () => {
    expectTypeOf(session.getSetting("transfer_speedlimit")).resolves.toEqualTypeOf<string | null>();
    expectTypeOf(session.getSetting("some_custom_setting")).resolves.toBeUnknown();
    expectTypeOf(getSetting(session, "quota")).resolves.toEqualTypeOf<string | null>();
  });

  it("getSettings with withSources answers each setting in force with its source", () => {
    expectTypeOf(session.getSettings({ withSources: true })).resolves.toEqualTypeOf<EffectiveSetting[]>();
    expectTypeOf<EffectiveSetting["source"]>().toEqualTypeOf<"default" | "workspace" | "entity" | "inherited">();
  });
});
