import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Session, type FileEntry } from "@accsyn/core";
import { files, isDirectory, isFile, totalFileSize, walkFiles } from "@accsyn/files";
import { sessionOptions, startTestServer, type TestServer } from "../../../tests/support/test-server.js";
import { VECTORS_DIR } from "../../../tests/support/vectors-dir.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const FileSession = Session.plugin(files);

/** The recorded answer of the recursive listing vector (doc/file.rst's recursive example). */
const recursiveVector = JSON.parse(readFileSync(join(VECTORS_DIR, "ls__recursive_nested_files.json"), "utf8")) as {
  exchanges: Array<{ response: { body_text: string } }>;
};

let server: TestServer;
let session: InstanceType<typeof FileSession>;

beforeEach(async () => {
  const text = recursiveVector.exchanges[recursiveVector.exchanges.length - 1]!.response.body_text;
  server = await startTestServer((request) => (request.path === "/api/v3/event" ? { body: text, contentType: "application/json" } : undefined));
  session = new FileSession(sessionOptions(server).options);
});

afterEach(async () => {
  session.close();
  await server.close();
});

describe("helpers over a recursive ls answer (ls__recursive_nested_files)", () => {
  it("walks the real nested answer depth-first with relative paths, leaving the answer as the backend sent it", async () => {
    const entries = await session.ls("share=thefilm-DIT", { recursive: true, getSize: true });
    const before = structuredClone(entries);
    const walked = [...walkFiles(entries)].map(({ path, depth, entry }) => [path, depth, isDirectory(entry) ? "dir" : "file", entry.size]);
    expect(walked).toEqual([
      ["TO_ACMEFILM", 0, "dir", 165312],
      ["TO_ACMEFILM/A001_C001.mov", 1, "file", 163264],
      ["TO_ACMEFILM/notes", 1, "dir", 2048],
      ["TO_ACMEFILM/notes/readme.txt", 2, "file", 2048],
      ["pitch.mov", 0, "file", 81632],
    ]);
    expect(entries).toEqual(before);
    expect(entries[0]!.modified).toEqual(new Date("2026-01-20T08:00:00Z"));
    expect(totalFileSize(entries)).toBe(163264 + 2048 + 81632);
  });

  it("puts a prefix in front of every path, and walks an empty listing to nothing", () => {
    const entries: FileEntry[] = [{ type: 0, filename: "a", modified: new Date(0), files: [{ type: 1, filename: "b", size: 1, modified: new Date(0) }] }];
    expect([...walkFiles(entries, "share=vfx/")].map((w) => w.path)).toEqual(["share=vfx/a", "share=vfx/a/b"]);
    expect([...walkFiles([])]).toEqual([]);
  });

  it("tells directories (type 0) from files (type 1)", () => {
    expect(isDirectory({ type: 0 })).toBe(true);
    expect(isDirectory({ type: 1 })).toBe(false);
    expect(isFile({ type: 1 })).toBe(true);
    expect(isFile({ type: 0 })).toBe(false);
  });
});
