/**
 * Entity methods beyond the recorded vectors: options the recordings do not show, argument
 * safety, plugin wiring and cancellation.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AccsynAbortError, AccsynValidationError } from "@accsyn/core";
import { create, find } from "@accsyn/entities";
import { afterEach, describe, expect, it } from "vitest";
import { harness, type Harness } from "./harness.js";

const JOB = "bf4eef818716bafab22ac70a";
let h: Harness | undefined;

afterEach(async () => {
  h?.session.close();
  await h?.server.close();
  h = undefined;
});

describe("create", () => {
  it("sends replace_duplicates after allow_duplicates for jobs, and neither for other types", async () => {
    h = await harness(() => ({ body: { result: [{ id: JOB }] } }));
    await h.session.create("Transfer", { code: "x" }, { allowDuplicates: false, replaceDuplicates: true });
    await h.session.create("folder", { code: "y" }, { replaceDuplicates: true });
    expect(h.sent()).toEqual([
      { method: "POST", uri: "transfer/create", data: { code: "x", allow_duplicates: false, replace_duplicates: true } },
      { method: "POST", uri: "folder/create", data: { code: "y" } },
    ]);
  });

  it("wraps a task object into tasks, sends the parent id, and does not modify the caller's data", async () => {
    h = await harness(() => ({ body: { result: [{ id: "t1" }, { id: "t2" }] } }));
    const data = { source: "share=p/a.exr", destination: "site=b" };
    const before = structuredClone(data);
    const result = await h.session.create("task", data, { entityId: JOB, allowDuplicates: true });
    expect(result).toEqual([{ id: "t1" }, { id: "t2" }]);
    expect(h.sent()).toEqual([
      { method: "POST", uri: "task/create", data: { tasks: data, allow_duplicates: true }, id: JOB },
    ]);
    expect(data).toEqual(before);
  });

  it("sends JSON (text or file) as parsed: a list stays a list except for tasks; Dates are encoded", async () => {
    h = await harness(() => ({ body: { result: [{ id: JOB }] } }));
    const dir = mkdtempSync(join(tmpdir(), "accsyn-create-"));
    try {
      const path = join(dir, "tasks.json");
      writeFileSync(path, JSON.stringify([{ source: "a", destination: "b" }]));
      await h.session.create("job", path);
      await h.session.create("task", path, { entityId: JOB });
      await h.session.create("job", '{"code": "e"}', { allowDuplicates: false });
      await h.session.create("job", { code: "d", start: new Date("2024-02-29T23:30:00Z") });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(h.sent().map((e) => e.data)).toEqual([
      [{ source: "a", destination: "b" }],
      { tasks: [{ source: "a", destination: "b" }] },
      { code: "e", allow_duplicates: false },
      { code: "d", start: "2024-02-29T23:30:00" },
    ]);
  });

  it("wraps a list given directly into tasks, an empty one too, as the reference does", async () => {
    h = await harness(() => ({ body: { result: [] } }));
    await h.session.create("Transfer", []);
    await h.session.create("transfer", [{ source: "a", destination: "b" }], { allowDuplicates: true, entityId: "" });
    expect(h.sent()).toEqual([
      { method: "POST", uri: "transfer/create", data: { tasks: [] } },
      { method: "POST", uri: "transfer/create", data: { tasks: [{ source: "a", destination: "b" }], allow_duplicates: true } },
    ]);
  });

  it("refuses empty objects, blank text and duplicate options on JSON that is not an object, before sending", async () => {
    h = await harness(() => undefined);
    await expect(h.session.create("job", {})).rejects.toThrow(/^Empty create data submitted!/);
    await expect(h.session.create("job", "  ")).rejects.toThrow(/^You must provide the data to create!/);
    await expect(create(h.session, "job", "[1]", { allowDuplicates: true })).rejects.toThrow(AccsynValidationError);
    await expect(create(h.session, " ", { code: "x" })).rejects.toThrow(AccsynValidationError);
    expect(h.sent()).toEqual([]);
  });
});

describe("find options", () => {
  it("sends every option in the reference order and only those given", async () => {
    h = await harness(() => ({ body: { result: [] } }));
    await find(h.session, "task WHERE status=done", {
      attributes: ["uri"],
      skip: 5,
      limit: 10,
      archived: false,
      inactive: true,
      finished: true,
      entityId: JOB,
    });
    const [event] = h.sent();
    expect(JSON.stringify(event)).toBe(
      JSON.stringify({
        method: "GET",
        uri: "task/find",
        data: { parent: JOB, finished: true, inactive: true, archived: false, limit: 10, skip: 5, attributes: ["uri"] },
        query: "status=done",
      }),
    );
  });

  it("refuses a skip that is not an integer and attributes that are not strings", async () => {
    h = await harness(() => undefined);
    await expect(h.session.find("job", { skip: 1.5 })).rejects.toThrow(/^Skip must be an integer!/);
    await expect(h.session.find("job", { attributes: [3 as unknown as string] })).rejects.toThrow(/^Attributes must be a list of strings!/);
    expect(h.sent()).toEqual([]);
  });

  it("checks flags are booleans, sends attributes only when some are given, and refuses blank names", async () => {
    h = await harness(() => ({ body: { result: [] } }));
    await h.session.find("job", { attributes: [], limit: 0, skip: 0 });
    await h.session.find("job", { attributes: [" code ", "status"] });
    await expect(h.session.find("job", { inactive: "yes" as never })).rejects.toThrow(/^Inactive must be a boolean!/);
    await expect(h.session.find("job", { finished: 1 as never })).rejects.toThrow(/^Finished must be a boolean!/);
    await expect(h.session.find("job", { archived: "no" as never })).rejects.toThrow(/^Archived must be a boolean!/);
    await expect(h.session.find("job", { attributes: ["code", " "] })).rejects.toThrow(/^Attributes must be a list of non-empty strings!/);
    expect(h.sent().map((e) => e.data)).toEqual([{}, { attributes: ["code", "status"] }]);
  });

  it("findOne merges inactive and offline as the reference's `inactive or offline`, without a warning", async () => {
    h = await harness(() => ({ body: { result: [] } }));
    await h.session.findOne("user", { inactive: false });
    await h.session.findOne("user", { offline: true });
    await h.session.findOne("user", { inactive: false, offline: false });
    await h.session.findOne("user", { inactive: true, offline: false });
    expect(h.sent().map((e) => e.data)).toEqual([
      { single_entity_query: true },
      { inactive: true, single_entity_query: true },
      { inactive: false, single_entity_query: true },
      { inactive: true, single_entity_query: true },
    ]);
    expect(h.warnings).toEqual([]);
  });

  it("reads attributes queries as the reference splits them, and sends create/update as given", async () => {
    h = await harness(() => ({ body: { result: ["code"] } }));
    await h.session.find("attributes WHERE entitytype='Transfer\"", { create: null, update: true });
    await h.session.find("attributes WHERE entitytype = user");
    await expect(h.session.find("attributes WHERE entitytype=a=b")).rejects.toThrow(/^Please query attributes by expressions/);
    await expect(h.session.find("attributes WHERE type=job")).rejects.toThrow(/^Please query attributes by expressions/);
    await expect(h.session.find("attributes WHERE entitytype=job", { create: "yes" as never })).rejects.toThrow(/^Create must be a boolean!/);
    expect(h.sent()).toEqual([
      { method: "GET", uri: "attributes", data: { entitytype: "transfer", create: null, update: true } },
      { method: "GET", uri: "attributes", data: { entitytype: "user", create: false, update: false } },
    ]);
  });

  it("warns about offline once per logger", async () => {
    h = await harness(() => ({ body: { result: [] } }));
    await h.session.find("user", { offline: true });
    await h.session.findOne("user WHERE code=a", { offline: false });
    expect(h.warnings).toEqual(["The 'offline' parameter is deprecated, use 'inactive' instead."]);
    expect(h.sent().map((e) => e.data)).toEqual([{ inactive: true }, { inactive: false, single_entity_query: true }]);
  });
});

describe("other operations", () => {
  it("assigns a user to a folder, the share id under `volume`, with the ACL flags given (null sent as null)", async () => {
    h = await harness(() => ({ body: { result: [true] } }));
    const folder = "0210514fead80bca702f4f81";
    const user = "aee122f076b7f214ca3cb34b";
    expect(await h.session.assign("Folder", "User", { volume: folder, user, read: true, write: false, notify: null, message: "hi" })).toEqual([true]);
    expect(h.sent()).toEqual([
      {
        method: "POST",
        uri: "acl/create",
        data: { entity: `user:${user}`, target: `share:${folder}`, read: true, write: false, notify: null, message: "hi" },
      },
    ]);
  });

  it("accepts share for volume and client for server in assign and deassign", async () => {
    h = await harness(() => ({ body: { result: true } }));
    const volume = "0210514fead80bca702f4f81";
    const server = "289d6fedeca84aefbb1cc188";
    expect(await h.session.assign("Share", "Client", { share: volume, client: server })).toBe(true);
    expect(await h.session.deassign("share", "server", { share: volume, client: server })).toBe(true);
    expect(await h.session.deassign("volume", "server", { volume, share: "x", server, client: "y" })).toBe(true);
    expect(h.sent()).toEqual([
      { method: "PUT", uri: "share/server", data: { client: server }, id: volume },
      { method: "DELETE", uri: "share/server", data: { client: server }, id: volume },
      { method: "DELETE", uri: "volume/server", data: { client: server }, id: volume },
    ]);
  });

  it("refuses missing ids, empty data and unsupported pairs in assign and deassign, before sending", async () => {
    h = await harness(() => undefined);
    const server = "289d6fedeca84aefbb1cc188";
    const user = "aee122f076b7f214ca3cb34b";
    await expect(h.session.assign("volume", "server", { server })).rejects.toThrow(/^Please supply parent entity ID as 'volume'/);
    await expect(h.session.assign("folder", "user", { folder: server, user })).rejects.toThrow(/^Please supply parent entity ID as 'volume'/);
    await expect(h.session.assign("volume", "server", { volume: null, share: server, server })).rejects.toThrow(/as 'volume'/);
    await expect(h.session.assign("volume", "server", {})).rejects.toThrow(/^Invalid assignment data supplied, must be a dict with values!/);
    await expect(h.session.assign("share", "user", { volume: server, user })).rejects.toThrow(/^Unsupported assignment operation!/);
    await expect(h.session.deassign("volume", "server", { server, volume: "x" })).rejects.toThrow(AccsynValidationError);
    await expect(h.session.deassign("volume", "client", { server, volume: server })).rejects.toThrow(/^Unsupported assignment operation!/);
    await expect(h.session.deassign("volume", "server", {})).rejects.toThrow(/^Invalid de-assignment data supplied/);
    expect(h.sent()).toEqual([]);
  });

  it("prepublish leaves the caller's entries untouched and keeps given directory sizes", async () => {
    h = await harness(() => ({ body: { result: { ok: true } } }));
    const entries = [
      { filename: "d", is_dir: true, size: 7, files: [{ filename: "x", size: 1 }] },
      { filename: "e", is_dir: true, files: [{ filename: "y" }, { filename: "z", size: 4 }] },
    ];
    const before = structuredClone(entries);
    await h.session.prepublish(entries);
    expect(entries).toEqual(before);
    expect(h.sent()[0]!.data).toEqual({
      files: [entries[0], { ...entries[1], size: 4, files: [{ filename: "y", size: 0 }, { filename: "z", size: 4 }] }],
      size: 11,
    });
  });

  it("prepublish fills sizes as the reference does: files 0, directories their sum, given sizes kept", async () => {
    h = await harness(() => ({ body: { result: { files: [] } } }));
    await h.session.prepublish([
      { filename: "a.exr" },
      { filename: "dir", is_dir: true, size: 0, files: [{ filename: "big", size: 99 }] },
      { filename: "empty", is_dir: true },
      { filename: "notdir", files: [{ filename: "c", size: 5 }] },
    ]);
    await h.session.prepublish([]);
    expect(h.sent().map((e) => e.data)).toEqual([
      {
        files: [
          { filename: "a.exr", size: 0 },
          { filename: "dir", is_dir: true, size: 0, files: [{ filename: "big", size: 99 }] },
          { filename: "empty", is_dir: true, size: 0 },
          { filename: "notdir", size: 0, files: [{ filename: "c", size: 5 }] },
        ],
        size: 0,
      },
      { files: [], size: 0 },
    ]);
    await expect(h.session.prepublish([{ filename: "x", size: "1" as never }])).rejects.toThrow(AccsynValidationError);
  });

  it("passes the signal on: an aborted call rejects with AccsynAbortError", async () => {
    h = await harness(() => ({ body: { result: [] }, delayMs: 15_000 }));
    await h.session.login();
    const controller = new AbortController();
    const pending = h.session.find("job", { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(pending).rejects.toBeInstanceOf(AccsynAbortError);
    expect(Date.now() - started).toBeLessThan(10_000); // rejected long before the answer (15 s) could come
  });
});
