import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AccsynApiError, AccsynValidationError, Session } from "@accsyn/core";
import { deletePath, exists, files, getSize, getsize, isDirectory, ls, mkdir, mv, rename } from "@accsyn/files";
import { sessionOptions, startTestServer, type Reply, type TestServer } from "../../../tests/support/test-server.js";

const FileSession = Session.plugin(files);

let server: TestServer;
let reply: Reply;
let session: InstanceType<typeof FileSession>;
let warnings: string[];

beforeEach(async () => {
  reply = { body: { result: true } };
  server = await startTestServer((request) => (request.path === "/api/v3/event" ? reply : undefined));
  const setup = sessionOptions(server);
  warnings = setup.warnings;
  session = new FileSession(setup.options);
});

afterEach(async () => {
  session.close();
  await server.close();
});

/** The single event sent, with its HTTP method. */
function sent(): { method: string; uri: string; data: unknown; keys: string[] } {
  const events = server.events();
  expect(events).toHaveLength(1);
  const { method, event } = events[0]!;
  return { method, uri: event.uri, data: event.data, keys: Object.keys(event) };
}

describe("ls", () => {
  it("sends op, path, download and the recursive/getsize defaults, and returns the result", async () => {
    reply = {
      body: {
        result: [
          { type: 0, filename: "sh010", modified: "2023-08-01T10:00:00" },
          { type: 1, filename: "notes.txt", size: 42, modified: "2023-08-01T10:00:01" },
        ],
      },
    };
    const result = await session.ls("share=projects/shots");
    expect(sent()).toMatchObject({
      method: "GET",
      uri: "workspace/file",
      data: { op: "ls", path: "share=projects/shots", download: true, recursive: false, getsize: false },
    });
    expect(sent().keys).not.toContain("query");
    expect(sent().keys).not.toContain("id");
    expect(result).toEqual([
      { type: 0, filename: "sh010", modified: new Date("2023-08-01T10:00:00Z") },
      { type: 1, filename: "notes.txt", size: 42, modified: new Date("2023-08-01T10:00:01Z") },
    ]);
    expect(result.filter(isDirectory).map((entry) => entry.filename)).toEqual(["sh010"]);
  });

  it("sends every option with its wire name (ls__all_options)", async () => {
    reply = { body: { result: [] } };
    await session.ls("share=projects/shots", {
      recursive: true,
      maxDepth: 2,
      getSize: true,
      filesOnly: true,
      directoriesOnly: true,
      include: ["*.mov", "*.exr"],
      exclude: "tmp*",
    });
    expect(sent().data).toEqual({
      op: "ls",
      path: "share=projects/shots",
      download: true,
      recursive: true,
      getsize: true,
      maxdepth: 2,
      directories_only: true,
      files_only: true,
      include: ["*.mov", "*.exr"],
      exclude: "tmp*",
    });
  });

  it("omits falsy options (ls__falsy_options_omitted)", async () => {
    await session.ls("share=vfx", { recursive: false, maxDepth: 0, include: "", exclude: [], filesOnly: false, directoriesOnly: false });
    expect(sent().data).toEqual({ op: "ls", path: "share=vfx", download: true, recursive: false, getsize: false });
  });

  it("sends recursive/getsize given as null as null, and other options as given (truthy)", async () => {
    reply = { body: { result: [] } };
    await session.ls("share=vfx", { recursive: null, getSize: null, filesOnly: 1 as never, directoriesOnly: "yes" as never });
    expect(sent().data).toEqual({ op: "ls", path: "share=vfx", download: true, recursive: null, getsize: null, directories_only: "yes", files_only: 1 });
  });

  it("sends a list path as a list and answers the backend's list (ls__list_path)", async () => {
    const answer = [
      { path: "share=projects/a", result: [] },
      { path: "share=projects/b", result: [{ filename: "x.mov", type: 1, size: 3 }] },
    ];
    reply = { body: { result: answer } };
    const result = await session.ls(["share=projects/a", "share=projects/b"]);
    expect(sent().data).toEqual({ op: "ls", path: ["share=projects/a", "share=projects/b"], download: true, recursive: false, getsize: false });
    expect(result).toEqual(answer);
  });

  it("sends an object path as is (ls__dict_path)", async () => {
    reply = { body: { result: [] } };
    const result = await session.ls({ share: "0210514fead80bca702f4f81", path: "shots/sh010" });
    expect(sent().data).toEqual({
      op: "ls",
      path: { share: "0210514fead80bca702f4f81", path: "shots/sh010" },
      download: true,
      recursive: false,
      getsize: false,
    });
    expect(result).toEqual([]);
  });

  it("passes a backend message through as an AccsynApiError, without also logging it as a warning", async () => {
    reply = { body: { message: "Share 'nope' does not exist" } };
    await expect(session.ls("share=nope")).rejects.toThrow(AccsynApiError);
    await expect(session.ls("share=nope")).rejects.toThrow("Share 'nope' does not exist");
    expect(warnings.some((w) => w.includes("Share 'nope' does not exist"))).toBe(false);
  });

  it("works as a standalone function", async () => {
    reply = { body: { result: [] } };
    expect(await ls(session, "share=vfx", { recursive: true })).toEqual([]);
    expect(sent().data).toMatchObject({ op: "ls", recursive: true });
  });
});

describe("path validation (nothing is sent)", () => {
  const bad: Array<[string, unknown]> = [
    ["an empty string", ""],
    ["blank", "   "],
    ["undefined", undefined],
    ["null", null],
    ["a number", 42],
    ["an empty list", []],
    ["a list with a non-string", ["share=a", 3]],
    ["a list with an empty string", ["share=a", ""]],
    ["an empty object", {}],
    ["a Date", new Date()],
  ];
  for (const [label, path] of bad) {
    it(`refuses ${label} for every operation`, async () => {
      const calls = [
        () => session.ls(path as string),
        () => session.getSize(path as string),
        () => session.exists(path as string),
        () => session.mkdir(path as string),
        () => session.delete(path as string),
        () => session.rename(path as string, "share=x/b"),
        () => session.rename("share=x/a", path as string),
        () => session.mv(path as string, "share=x/b"),
        () => session.mv("share=x/a", path as string),
      ];
      for (const call of calls) {
        const error = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(AccsynValidationError);
        expect((error as Error).message).toMatch(/^No path supplied, or not a string\/array\/object!/);
      }
      expect(server.events()).toEqual([]);
      expect(server.requests).toEqual([]);
    });
  }

  it("refuses a maxDepth that is not a whole number >= 0", async () => {
    for (const maxDepth of [-1, 1.5, Number.NaN, "2" as unknown as number]) {
      await expect(session.ls("share=vfx", { maxDepth })).rejects.toThrow(AccsynValidationError);
    }
    expect(server.requests).toEqual([]);
  });

  it("refuses filters that are not strings or lists of strings", async () => {
    await expect(session.ls("share=vfx", { include: 3 as unknown as string })).rejects.toThrow(/include filter/);
    await expect(session.getSize("share=vfx", { exclude: [1] as unknown as string[] })).rejects.toThrow(/exclude filter/);
    expect(server.requests).toEqual([]);
  });
});

describe("getSize", () => {
  it("sends op getsize with the filters and returns the result (getsize__with_filters)", async () => {
    reply = { body: { result: 1073741824 } };
    const result = await session.getSize("share=projects/shots", { include: "*.mov", exclude: ["*_proxy.mov"] });
    expect(sent()).toMatchObject({
      method: "GET",
      uri: "workspace/file",
      data: { op: "getsize", path: "share=projects/shots", include: "*.mov", exclude: ["*_proxy.mov"] },
    });
    expect(result).toBe(1073741824);
  });

  it("sends no filter keys without filters, and getsize is the same method", async () => {
    reply = { body: { result: 5 } };
    expect(await session.getsize("share=vfx")).toBe(5);
    expect(sent().data).toEqual({ op: "getsize", path: "share=vfx" });
    expect(session.getsize).toBe(session.getSize);
    expect(getsize).toBe(getSize);
  });
});

describe("exists, mkdir, rename, mv, delete", () => {
  it("exists: GET op exists (exists__true)", async () => {
    expect(await session.exists("share=projects/shots/sh010")).toBe(true);
    expect(sent()).toMatchObject({ method: "GET", uri: "workspace/file", data: { op: "exists", path: "share=projects/shots/sh010" } });
    expect(sent().data).toEqual({ op: "exists", path: "share=projects/shots/sh010" });
  });

  it("exists returns false, and a result that came with HTTP 500", async () => {
    reply = { body: { result: false } };
    expect(await exists(session, "share=vfx/a")).toBe(false);
    reply = { status: 500, body: { result: true } };
    expect(await exists(session, "share=vfx/a")).toBe(true);
  });

  it("mkdir: POST op mkdir (mkdir__basic)", async () => {
    expect(await session.mkdir("share=projects/shots/sh020")).toBe(true);
    expect(sent()).toMatchObject({ method: "POST", uri: "workspace/file" });
    expect(sent().data).toEqual({ op: "mkdir", path: "share=projects/shots/sh020" });
  });

  it("mkdir: a JSON message with HTTP 500 is raised verbatim", async () => {
    reply = { status: 500, body: { message: "Internal error: disk full" } };
    const error = await mkdir(session, "share=projects/new").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccsynApiError);
    expect((error as AccsynApiError).message).toBe("Internal error: disk full");
  });

  it("rename: PUT op rename with path_to (rename__basic)", async () => {
    expect(await session.rename("share=projects/shots/sh020", "share=projects/shots/sh020_old")).toBe(true);
    expect(sent()).toMatchObject({ method: "PUT", uri: "workspace/file" });
    expect(sent().data).toEqual({ op: "rename", path: "share=projects/shots/sh020", path_to: "share=projects/shots/sh020_old" });
  });

  it("mv: PUT op move (mv__basic)", async () => {
    expect(await mv(session, "share=projects/incoming/a.mov", "share=projects/shots/sh010/a.mov")).toBe(true);
    expect(sent()).toMatchObject({ method: "PUT", uri: "workspace/file" });
    expect(sent().data).toEqual({ op: "move", path: "share=projects/incoming/a.mov", path_to: "share=projects/shots/sh010/a.mov" });
  });

  it("rename works standalone with lists", async () => {
    const answer = [{ path: "share=a/x", result: true }];
    reply = { body: { result: answer } };
    expect(await rename(session, ["share=a/x"], ["share=a/y"])).toEqual(answer);
    expect(sent().data).toEqual({ op: "rename", path: ["share=a/x"], path_to: ["share=a/y"] });
  });

  it("delete: POST op delete with force (delete__force)", async () => {
    expect(await session.delete("share=projects/scratch", { force: true })).toBe(true);
    expect(sent()).toMatchObject({ method: "POST", uri: "workspace/file" });
    expect(sent().data).toEqual({ op: "delete", path: "share=projects/scratch", force: true });
  });

  it("delete sends force: false by default", async () => {
    expect(await deletePath(session, "share=projects/scratch")).toBe(true);
    expect(sent().data).toEqual({ op: "delete", path: "share=projects/scratch", force: false });
  });

  it("delete sends force given as null as null (the reference sends None)", async () => {
    await session.delete("share=projects/scratch", { force: null });
    expect(sent().data).toEqual({ op: "delete", path: "share=projects/scratch", force: null });
  });

  it("a missing result answers null", async () => {
    reply = { body: {} };
    expect(await session.mkdir("share=vfx/n")).toBeNull();
  });
});

describe("cancellation", () => {
  it("passes the signal to the request", async () => {
    reply = { body: { result: true }, delayMs: 2000 };
    await session.login();
    const controller = new AbortController();
    const pending = session.exists("share=vfx/a", { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: "ACCSYN_ABORTED" });
  });
});
