import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasEscape, projectsDir, startHarness, type CliHarness } from "./helpers.js";

let cli: CliHarness;
let volumeDir: string;
beforeAll(async () => {
  cli = await startHarness("admin");
  volumeDir = await projectsDir(cli);
  mkdirSync(join(volumeDir, "plates", "sh010"), { recursive: true });
  writeFileSync(join(volumeDir, "plates", "sh010", "a.exr"), Buffer.alloc(2048));
  writeFileSync(join(volumeDir, "plates", "notes.txt"), "hello");
}, 180_000);
afterAll(async () => {
  await cli?.stop();
});

interface Listing {
  files: Array<{ filename: string; type: number; size?: number; files?: unknown[] }>;
}

describe("ls", () => {
  it("lists a directory as type/filename rows", async () => {
    const { code, stdout, stderr } = await cli.run(["ls", "share=projects/plates"]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^type\tfilename/);
    expect(lines.slice(1).map((l) => l.split("\t").slice(0, 2).join(" ")).sort()).toEqual(["dir sh010", "file notes.txt"]);
    expect(hasEscape(stdout + stderr)).toBe(false);
  });

  it("-r flattens sub-directories into relative paths; --json keeps the SDK result", async () => {
    const { stdout } = await cli.run(["ls", "share=projects/plates", "-r", "--maxdepth", "2"]);
    expect(stdout).toContain("sh010/a.exr");
    const listing = await cli.json<Listing>(["ls", "share=projects/plates", "--dirs-only"]);
    expect(listing.files.map((f) => f.filename)).toEqual(["sh010"]);
  });

  it("--size, --include and --exclude filter and size entries", async () => {
    const listing = await cli.json<Listing>(["ls", "share=projects/plates", "-r", "--size", "--include", "*.exr"]);
    const flat = JSON.stringify(listing);
    expect(flat).toContain("a.exr");
    expect(flat).not.toContain("notes.txt");
    const excluded = await cli.json<Listing>(["ls", "share=projects/plates", "--exclude", "*.txt"]);
    expect(excluded.files.map((f) => f.filename)).toEqual(["sh010"]);
  });
});

describe("du, exists, mkdir, mv, rename, rm", () => {
  it("du sums sizes, in words and as JSON", async () => {
    const size = await cli.json<{ size: number }>(["du", "share=projects/plates"]);
    expect(size.size).toBe(2048 + 5);
    const { stdout } = await cli.run(["du", "share=projects/plates", "--include", "*.exr"]);
    expect(stdout).toMatch(/^2\.0 KiB\t2048 bytes\tshare=projects\/plates\n$/);
  });

  it("exists exits 0 when present and 5 when absent", async () => {
    expect(await cli.run(["exists", "share=projects/plates/notes.txt"])).toMatchObject({ code: 0, stdout: "true\n" });
    const absent = await cli.run(["exists", "share=projects/plates/missing.txt"]);
    expect(absent).toMatchObject({ code: 5, stdout: "false\n" });
    expect(absent.stderr).toBe("accsyn: share=projects/plates/missing.txt does not exist.\n");
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
