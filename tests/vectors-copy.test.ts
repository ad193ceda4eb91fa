/**
 * The repository's copy of the protocol vectors (`conformance/vectors/`) against the published set
 * in `../shared/protocol/vectors/`, through `scripts/sync-vectors.mjs` run as a real process. The
 * comparison with ../shared runs only when that folder sits beside the clone; the script's own
 * behaviour is checked on temporary folders either way.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const script = join(root, "scripts", "sync-vectors.mjs");
const shared = join(root, "..", "shared", "protocol", "vectors");
const run = promisify(execFile);

/** Runs the script; resolves with its exit code and output. */
async function sync(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [script, ...args], { cwd: root });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string };
    return { code: failed.code ?? -1, out: failed.stdout ?? "" };
  }
}

describe("conformance/vectors is the published set", () => {
  it("equals ../shared/protocol/vectors when that folder is beside the clone", async (ctx) => {
    if (!existsSync(shared)) {
      const reason = `no ${shared} beside this clone: the copy has nothing to be compared with`;
      console.log(`vectors-copy: skipped (${reason})`);
      ctx.skip(reason);
    }
    const { code, out } = await sync("--check");
    expect(out, out).toMatch(/equals/);
    expect(code).toBe(0);
  });
});

describe("scripts/sync-vectors.mjs", () => {
  const dir = mkdtempSync(join(tmpdir(), "accsyn-sync-"));
  const from = join(dir, "from");
  const to = join(dir, "to");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names every difference with --check, changes nothing, and exits 1", async () => {
    mkdirSync(from);
    mkdirSync(to);
    writeFileSync(join(from, "a.json"), '{"name": "a"}');
    writeFileSync(join(from, "b.json"), '{"name": "b", "v": 2}');
    writeFileSync(join(to, "b.json"), '{"name": "b", "v": 1}');
    writeFileSync(join(to, "old.json"), "{}");
    writeFileSync(join(to, "README.md"), "ours");
    const { code, out } = await sync("--check", "--from", from, "--to", to);
    expect(code).toBe(1);
    expect(out).toContain("new upstream: a.json");
    expect(out).toContain("changed upstream: b.json");
    expect(out).toContain("gone upstream: old.json");
    expect(out).not.toContain("README.md");
    expect(readdirSync(to).sort()).toEqual(["README.md", "b.json", "old.json"]);
  });

  it("syncs the *.json files, keeps the README, and then checks clean", async () => {
    const { code, out } = await sync("--from", from, "--to", to);
    expect(code).toBe(0);
    expect(out).toContain("1 added, 1 updated, 1 removed, 2 in all");
    expect(readdirSync(to).sort()).toEqual(["README.md", "a.json", "b.json"]);
    expect((await sync("--check", "--from", from, "--to", to)).code).toBe(0);
  });

  it("says there is nothing to sync, and exits 0, without the upstream folder", async () => {
    const { code, out } = await sync("--from", join(dir, "absent"), "--to", to);
    expect(code).toBe(0);
    expect(out).toMatch(/no upstream set at .*absent.*nothing to sync/);
  });
});
