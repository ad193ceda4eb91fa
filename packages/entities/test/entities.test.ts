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

  it("reads a JSON file whose content is a list, and encodes Dates in the data", async () => {
    h = await harness(() => ({ body: { result: [{ id: JOB }] } }));
    const dir = mkdtempSync(join(tmpdir(), "accsyn-create-"));
    try {
      const path = join(dir, "tasks.json");
      writeFileSync(path, JSON.stringify([{ source: "a", destination: "b" }]));
      await h.session.create("job", path);
      await h.session.create("job", { code: "d", start: new Date("2024-02-29T23:30:00Z") });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(h.sent().map((e) => e.data)).toEqual([
      { tasks: [{ source: "a", destination: "b" }] },
      { code: "d", start: "2024-02-29T23:30:00" },
    ]);
  });

  it("refuses empty lists and JSON that is not an object, before sending", async () => {
    h = await harness(() => undefined);
    await expect(h.session.create("job", [])).rejects.toThrow(/^Empty create data submitted!/);
    await expect(create(h.session, "job", "42")).rejects.toThrow(AccsynValidationError);
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

  it("warns about offline once per logger", async () => {
    h = await harness(() => ({ body: { result: [] } }));
    await h.session.find("user", { offline: true });
    await h.session.findOne("user WHERE code=a", { offline: false });
    expect(h.warnings).toEqual(["The 'offline' parameter is deprecated, use 'inactive' instead."]);
    expect(h.sent().map((e) => e.data)).toEqual([{ inactive: true }, { inactive: false, single_entity_query: true }]);
  });
});

describe("other operations", () => {
  it("assigns a user to a folder with the ACL flags given", async () => {
    h = await harness(() => ({ body: { result: [{ id: "acl1" }] } }));
    const folder = "0210514fead80bca702f4f81";
    const user = "aee122f076b7f214ca3cb34b";
    await h.session.assign("Folder", "User", { folder, user, read: true, write: false, notify: false, message: "hi" });
    expect(h.sent()).toEqual([
      {
        method: "POST",
        uri: "acl/create",
        data: { entity: `user:${user}`, target: `share:${folder}`, read: true, write: false, notify: false, message: "hi" },
      },
    ]);
  });

  it("refuses a missing volume id in assign and deassign, before sending", async () => {
    h = await harness(() => undefined);
    const server = "289d6fedeca84aefbb1cc188";
    await expect(h.session.assign("volume", "server", { server })).rejects.toThrow(/^Please supply entity ID as 'volume'/);
    await expect(h.session.deassign("volume", "server", { server, volume: "x" })).rejects.toThrow(AccsynValidationError);
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
      files: [entries[0], { ...entries[1], size: 4 }],
      size: 11,
    });
  });

  it("passes the signal on: an aborted call rejects with AccsynAbortError", async () => {
    h = await harness(() => ({ body: { result: [] }, delayMs: 2_000 }));
    await h.session.login();
    const controller = new AbortController();
    const pending = h.session.find("job", { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(pending).rejects.toBeInstanceOf(AccsynAbortError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
