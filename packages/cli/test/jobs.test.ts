import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasEscape, startHarness, type CliHarness } from "./helpers.js";

let cli: CliHarness;
beforeAll(async () => {
  cli = await startHarness("admin");
  const [volume] = await cli.json<Array<{ path: string }>>(["find", "volume WHERE code=projects"]);
  mkdirSync(join(volume!.path, "src"), { recursive: true });
  writeFileSync(join(volume!.path, "src", "clip.mov"), Buffer.alloc(256 * 1024, 7));
}, 180_000);
afterAll(async () => {
  await cli?.stop();
});

type Job = Record<string, unknown> & { id: string; status: string };
const COPY = JSON.stringify({ tasks: [{ source: "share=projects/src/clip.mov", destination: "share=projects/dst/" }] });
/** A transfer whose source does not exist: the job goes waiting → failed (shared/DOMAIN.md). */
const DOOMED = JSON.stringify({ tasks: [{ source: "share=projects/src/missing.mov", destination: "share=projects/dst/" }] });

describe("create --wait and wait", () => {
  it("create --wait shows plain progress lines on stderr and ends when the job is done", async () => {
    const { code, stdout, stderr } = await cli.run(["create", "transfer", COPY, "--wait"]);
    expect(code).toBe(0);
    const id = /^Created transfer ([0-9a-f]{24})\n/.exec(stdout)?.[1];
    expect(id).toBeDefined();
    expect(stdout).toBe(`Created transfer ${id}\nThe transfer ${id} is done.\n`);
    expect(stderr).toMatch(new RegExp(`^transfer ${id} done 100% `, "m"));
    expect(hasEscape(stdout + stderr)).toBe(false);
    expect((await cli.run(["exists", "share=projects/dst/clip.mov"])).code).toBe(0);
  });

  it("wait --json prints the finished job", async () => {
    const job = await cli.json<Job>(["create", "transfer", COPY, "--allow-duplicates"]);
    const done = await cli.json<Job>(["wait", "transfer", job.id]);
    expect(done).toMatchObject({ id: job.id, status: "done", progress: 100 });
    const metrics = await cli.json<Record<string, unknown>>(["metrics", `transfer WHERE id=${job.id}`]);
    expect(metrics).toHaveProperty("progress", 100);
  });

  it("exits 6 when the job fails, naming where to look; the hint shows the job's story and the reason", async () => {
    const { code, stderr } = await cli.run(["create", "transfer", DOOMED, "--wait"]);
    expect(code).toBe(6);
    const hint = /^accsyn: The transfer [0-9a-f]{24} ended with status failed\. See why with: (accsyn logs --scope transfer --id [0-9a-f]{24})$/m.exec(stderr);
    expect(hint).not.toBeNull();
    const args = String(hint?.[1]).split(" ").slice(1);
    const story = await cli.run(args);
    expect(story.code).toBe(0);
    const reason = "E#J001 File or directory not found at server: share=projects/src/missing.mov";
    expect(story.stdout).toContain(`Failed: ${reason}`);
    expect(story.stdout).toContain(`Task share=projects/src/missing.mov: failed: ${reason}`);
    const lines = await cli.json<Array<{ message: string }>>(args);
    expect(lines.map((l) => l.message)).toEqual(expect.arrayContaining(["Picked up: running", `Failed: ${reason}`]));
  });

  it("exits 5 for a job that does not exist, and 2 for --wait on a non-job", async () => {
    expect((await cli.run(["wait", "transfer", "0123456789abcdef01234567"])).code).toBe(5);
    const usage = await cli.run(["create", "queue", '{"name": "q"}', "--wait"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--wait works with jobs/);
  });

  it("exits 2 at once for wait on a type without a terminal status (user, queue), which would poll forever", async () => {
    const [me] = await cli.json<Array<{ id: string }>>(["find", "user WHERE code=admin@acme.test"]);
    for (const args of [["wait", "user", me!.id], ["wait", "queue", me!.id]]) {
      const started = Date.now();
      const { code, stderr } = await cli.run(args);
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`^accsyn: Only jobs can be waited for \\(job, transfer, .*\\), not ${args[1]}\\.`, "m"));
      expect(Date.now() - started).toBeLessThan(15_000);
    }
  });
});
