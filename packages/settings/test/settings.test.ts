import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AccsynApiError, AccsynValidationError, Session } from "@accsyn/core";
import { deleteSetting, getSetting, getSettings, logs, setSetting, settings } from "@accsyn/settings";
import { sessionOptions, sentEvents, startTestServer, type Reply, type TestServer } from "../../../tests/support/test-server.js";

const SettingsSession = Session.plugin(settings);
const JOB = "bf4eef818716bafab22ac70a";
const VOLUME = "0210514fead80bca702f4f81";

let server: TestServer;
let reply: Reply;
let session: InstanceType<typeof SettingsSession>;

beforeEach(async () => {
  reply = { body: { result: true } };
  server = await startTestServer((request) => (request.path === "/api/v3/event" ? reply : undefined));
  session = new SettingsSession(sessionOptions(server).options);
});

afterEach(async () => {
  session.close();
  await server.close();
});

/** The events sent, reduced to what the vectors pin down. */
const sent = () => sentEvents(server);

async function refused(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => new Error("expected a rejection"),
    (e: Error) => e,
  );
  expect(error).toBeInstanceOf(AccsynValidationError);
  expect(error.message).toMatch(message);
  expect(server.requests).toEqual([]);
}

describe("getSetting", () => {
  it("reads a workspace setting with data null (get_setting__workspace_default)", async () => {
    reply = { body: { result: "100" } };
    expect(await session.getSetting("transfer_speedlimit")).toBe("100");
    expect(sent()).toEqual([{ method: "GET", uri: "setting", data: { entitytype: "workspace", name: "transfer_speedlimit", data: null } }]);
  });

  it("sends entitytype, id, integration and data (get_setting__entity_integration_data)", async () => {
    reply = { body: { result: { feature_x: "projects" } } };
    const result = await session.getSetting("project_mapping", {
      entitytype: "job",
      entityId: JOB,
      integration: "ftrack",
      data: { project: "feature_x" },
    });
    expect(result).toEqual({ feature_x: "projects" });
    expect(sent()).toEqual([
      {
        method: "GET",
        uri: "setting",
        data: { entitytype: "job", name: "project_mapping", integration: "ftrack", data: { project: "feature_x" } },
        id: JOB,
      },
    ]);
  });

  it("keeps the entity type as given and sends name null (get_setting__entitytype_not_lowercased)", async () => {
    reply = { body: { result: null } };
    expect(await getSetting(session, undefined, { entitytype: "Volume", entityId: VOLUME })).toBeNull();
    expect(sent()).toEqual([{ method: "GET", uri: "setting", data: { entitytype: "Volume", name: null, data: null }, id: VOLUME }]);
  });

  it("refuses a blank name or entity type", async () => {
    await refused(session.getSetting(""), /setting name/);
    await refused(session.getSetting("x", { entitytype: " " }), /entity type/);
  });

  it("sends entitytype null when given as null, and no id for an empty one, as the reference does", async () => {
    reply = { body: {} };
    expect(await session.getSetting("x", { entitytype: null, entityId: "" })).toBeNull();
    expect(sent()).toEqual([{ method: "GET", uri: "setting", data: { entitytype: null, name: "x", data: null } }]);
  });
});

describe("getSettings", () => {
  it("sends entitytype null and the flag defaults (get_settings__defaults)", async () => {
    reply = { body: { result: { transfer_speedlimit: "100" } } };
    expect(await session.getSettings()).toEqual({ transfer_speedlimit: "100" });
    expect(sent()).toEqual([
      { method: "GET", uri: "setting", data: { entitytype: null, recursive: false, upstream: false, omit_defaults: true } },
    ]);
  });

  it("sends every option, the entity type lowercased (get_settings__all_options)", async () => {
    reply = { body: { result: { quota: "1TB" } } };
    const result = await getSettings(session, {
      entitytype: "Volume",
      entityId: VOLUME,
      recursive: true,
      upstream: true,
      omitDefaults: false,
      share: "projects",
    });
    expect(result).toEqual({ quota: "1TB" });
    expect(sent()).toEqual([
      {
        method: "GET",
        uri: "setting",
        data: { entitytype: "volume", recursive: true, upstream: true, omit_defaults: false, share: "projects" },
        id: VOLUME,
      },
    ]);
  });
});

describe("getSettings answers and flags", () => {
  for (const result of [null, false, [], {}, ""]) {
    it(`turns a result of ${JSON.stringify(result)} into {} (get_settings__null_result_gives_empty_dict)`, async () => {
      reply = { body: { result } };
      expect(await session.getSettings({ entitytype: "workspace" })).toEqual({});
    });
  }

  it("turns an answer without result into {}", async () => {
    reply = { body: {} };
    expect(await session.getSettings()).toEqual({});
  });

  it("sends flags given as null as null, and an empty entity type as it is", async () => {
    reply = { body: { result: {} } };
    await session.getSettings({ entitytype: "", recursive: null, upstream: null, omitDefaults: null, entityId: JOB });
    expect(sent()).toEqual([
      { method: "GET", uri: "setting", data: { entitytype: "", recursive: null, upstream: null, omit_defaults: null }, id: JOB },
    ]);
  });
});

describe("setSetting and deleteSetting answers", () => {
  for (const [result, expected] of [
    [true, true],
    ["yes", true],
    [1, true],
    [false, false],
    [null, false],
    [0, false],
    [[], false],
    [undefined, false],
  ] as Array<[unknown, boolean]>) {
    it(`resolve ${expected} for a result of ${JSON.stringify(result) ?? "(none)"}, like Python's bool(result)`, async () => {
      reply = { body: result === undefined ? {} : { result } };
      expect(await session.setSetting("workspace", "a", "1")).toBe(expected);
      expect(await session.deleteSetting("workspace", "a")).toBe(expected);
    });
  }
});

describe("setSetting", () => {
  it("puts a string value (set_setting__workspace)", async () => {
    expect(await session.setSetting("workspace", "transfer_speedlimit", "250")).toBe(true);
    expect(sent()).toEqual([{ method: "PUT", uri: "setting", data: { entitytype: "workspace", name: "transfer_speedlimit", value: "250" } }]);
  });

  it("lowercases the entity type and sends the id", async () => {
    await setSetting(session, " Job ", "note", JSON.stringify({ a: 1 }), { entityId: JOB });
    expect(sent()).toEqual([{ method: "PUT", uri: "setting", data: { entitytype: "job", name: "note", value: '{"a":1}' }, id: JOB }]);
  });

  for (const [label, value] of [
    ["a number (set_setting__non_string_rejected)", 250],
    ["an object", { a: 1 }],
    ["a list", ["a"]],
    ["a boolean", true],
    ["null", null],
    ["a Date", new Date()],
  ] as Array<[string, unknown]>) {
    it(`refuses ${label} and tells to JSON-encode`, async () => {
      await refused(
        session.setSetting("workspace", "transfer_speedlimit", value as string),
        /^Invalid value supplied, must be of string type!.*JSON\.stringify/,
      );
    });
  }

  it("refuses a blank entity type or name", async () => {
    await refused(session.setSetting("", "x", "1"), /entity type/);
    await refused(session.setSetting("workspace", "", "1"), /setting name/);
  });

  it("passes a backend message through", async () => {
    reply = { body: { message: "Setting 'nope' is not known" } };
    await expect(session.setSetting("workspace", "nope", "1")).rejects.toThrow(AccsynApiError);
  });
});

describe("deleteSetting", () => {
  it("deletes a setting (delete_setting__workspace)", async () => {
    expect(await session.deleteSetting("workspace", "transfer_speedlimit")).toBe(true);
    expect(sent()).toEqual([{ method: "DELETE", uri: "setting", data: { entitytype: "workspace", name: "transfer_speedlimit" } }]);
  });

  it("lowercases the entity type and sends the id", async () => {
    await deleteSetting(session, "Volume", "quota", { entityId: VOLUME });
    expect(sent()).toEqual([{ method: "DELETE", uri: "setting", data: { entitytype: "volume", name: "quota" }, id: VOLUME }]);
  });

  it("refuses a blank name", async () => {
    await refused(session.deleteSetting("workspace", " "), /setting name/);
  });
});

describe("logs", () => {
  it("sends the defaults and returns the whole answer", async () => {
    reply = { body: { result: [{ date: "2024-01-02T03:04:05", text: "started" }], total: 1 } };
    const answer = await session.logs();
    expect(answer).toEqual({ result: [{ date: new Date("2024-01-02T03:04:05Z"), text: "started" }], total: 1 });
    expect(sent()).toEqual([{ method: "GET", uri: "logs", data: { entitytype: "workspace", sort: "date", sort_reverse: false } }]);
  });

  it("sends every option", async () => {
    await logs(session, { entitytype: "Job", entityId: JOB, search: "error", sort: "level", sortReverse: true, page: 2, limit: 50, skip: 0 });
    expect(sent()).toEqual([
      {
        method: "GET",
        uri: "logs",
        data: { entitytype: "job", search: "error", sort: "level", sort_reverse: true, page: 2, limit: 50, skip: 0 },
        id: JOB,
      },
    ]);
  });

  it("refuses bad paging and search values", async () => {
    await refused(session.logs({ limit: -1 }), /limit/);
    await refused(session.logs({ page: 1.5 }), /page/);
    await refused(session.logs({ skip: "3" as unknown as number }), /skip/);
    await refused(session.logs({ search: 3 as unknown as string }), /search/);
  });
});
