import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasEscape, projectsDir, startHarness, type CliHarness } from "./helpers.js";

let cli: CliHarness;
let volumeDir: string;
beforeAll(async () => {
  cli = await startHarness("admin");
  volumeDir = await projectsDir(cli);
  mkdirSync(join(volumeDir, "scans", "sh010"), { recursive: true });
  writeFileSync(join(volumeDir, "scans", "sh010", "a.exr"), Buffer.alloc(2048));
  writeFileSync(join(volumeDir, "scans", "notes.txt"), "hello");
}, 180_000);
afterAll(async () => {
  await cli?.stop();
});

type Listing = Array<{ filename: string; type: 0 | 1; size?: number; modified: string; files?: Listing }>;

describe("ls", () => {
  it("lists a directory as type/filename/size/modified rows, sizes in words and dates in ISO 8601 when piped", async () => {
    const { code, stdout, stderr } = await cli.run(["ls", "share=projects/scans"]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe("type\tfilename\tsize\tmodified");
    const rows = lines.slice(1).map((l) => l.split("\t")).sort((a, b) => a[1]!.localeCompare(b[1]!));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([["file", "notes.txt", "5 B"], ["dir", "sh010", ""]]);
    for (const row of rows) expect(row[3]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    expect(hasEscape(stdout + stderr)).toBe(false);
  });

  it("-r shows every entry by its relative path; --json keeps the backend's nested list", async () => {
    const { stdout } = await cli.run(["ls", "share=projects/scans", "-r", "--maxdepth", "2", "--size"]);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe("type\tpath\tsize\tmodified");
    expect(lines.slice(1).map((l) => l.split("\t").slice(0, 3).join(" ")).sort()).toEqual([
      "dir sh010 2.0 KiB",
      "file notes.txt 5 B",
      "file sh010/a.exr 2.0 KiB",
    ]);
    const nested = await cli.json<Listing>(["ls", "share=projects/scans", "-r"]);
    const dir = nested.find((entry) => entry.type === 0);
    expect(dir?.filename).toBe("sh010");
    expect(dir?.files?.map((f) => [f.type, f.filename, f.size])).toEqual([[1, "a.exr", 2048]]);
    const listing = await cli.json<Listing>(["ls", "share=projects/scans", "--dirs-only"]);
    expect(listing.map((f) => f.filename)).toEqual(["sh010"]);
    expect(listing[0]!.modified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("--ndjson writes one entry per line", async () => {
    const { stdout } = await cli.run(["ls", "share=projects/scans", "--ndjson"]);
    const entries = stdout.trim().split("\n").map((line) => JSON.parse(line) as Listing[number]);
    expect(entries.map((e) => e.filename).sort()).toEqual(["notes.txt", "sh010"]);
  });

  it("--size, --include and --exclude filter and size entries", async () => {
    const listing = await cli.json<Listing>(["ls", "share=projects/scans", "-r", "--size", "--include", "*.exr"]);
    const flat = JSON.stringify(listing);
    expect(flat).toContain("a.exr");
    expect(flat).not.toContain("notes.txt");
    const excluded = await cli.json<Listing>(["ls", "share=projects/scans", "--exclude", "*.txt"]);
    expect(excluded.map((f) => f.filename)).toEqual(["sh010"]);
  });
});

describe("du, exists, mkdir, mv, rename, rm", () => {
  it("du (alias getsize) answers the size: a number as JSON, in words otherwise", async () => {
    expect(await cli.json<number>(["du", "share=projects/scans"])).toBe(2048 + 5);
    expect(await cli.json<number>(["getsize", "share=projects/scans/sh010"])).toBe(2048);
    const { stdout } = await cli.run(["du", "share=projects/scans", "--include", "*.exr"]);
    expect(stdout).toMatch(/^2\.0 KiB\t2048 bytes\tshare=projects\/scans\n$/);
  });

  it("exists exits 0 when present and 5 when absent", async () => {
    expect(await cli.run(["exists", "share=projects/scans/notes.txt"])).toMatchObject({ code: 0, stdout: "true\n" });
    const absent = await cli.run(["exists", "share=projects/scans/missing.txt"]);
    expect(absent).toMatchObject({ code: 5, stdout: "false\n" });
    expect(absent.stderr).toBe("accsyn: share=projects/scans/missing.txt does not exist.\n");
  });

  it("mkdir, mv, rename and rm --yes", async () => {
    expect((await cli.run(["mkdir", "share=projects/work"])).stdout).toBe("Created share=projects/work\n");
    expect((await cli.run(["mkdir", "share=projects/work/in"])).code).toBe(0);
    writeFileSync(join(volumeDir, "work", "in", "take1.mov"), "x");
    expect((await cli.run(["mv", "share=projects/work/in/take1.mov", "share=projects/work/take1.mov"])).code).toBe(0);
    expect((await cli.run(["rename", "share=projects/work/take1.mov", "share=projects/work/take2.mov"])).code).toBe(0);
    expect((await cli.run(["exists", "share=projects/work/take2.mov"])).code).toBe(0);
    expect((await cli.run(["rm", "share=projects/work/take2.mov", "--yes"])).stdout).toBe("Deleted share=projects/work/take2.mov\n");
    const notEmpty = await cli.run(["rm", "share=projects/work", "--yes"]);
    expect(notEmpty.code).not.toBe(0);
    expect(notEmpty.stderr.trim().split("\n")).toHaveLength(1);
    expect((await cli.run(["rm", "share=projects/work", "--force", "--yes"])).code).toBe(0);
    expect((await cli.run(["exists", "share=projects/work"])).code).toBe(5);
  });
});
