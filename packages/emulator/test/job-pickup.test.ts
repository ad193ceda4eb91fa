import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emulatorForFile } from "./client.js";

const PICKUP_MS = 600;
const file = emulatorForFile({ jobs: { rate: 0, tickMs: 5, pickupMs: PICKUP_MS } });

// Evidence: reference tests/test_transfer.py test_resume_upload and test_create_nonexistent_upload_task (a job set or
// revived to `waiting` is still `waiting` when read right after); doc/transfers.rst status table ("waiting: Job is
// blocked and waiting for resources … a server/client coming online").
describe("the pickup delay", () => {
  it("keeps a job waiting until a client picks it up, then runs it", async () => {
    const { admin } = file.as;
    const vol = String((await admin.find("volume", "code=projects"))[0]?.path);
    mkdirSync(join(vol, "in"), { recursive: true });
    writeFileSync(join(vol, "in", "a.txt"), "a");
    const started = Date.now();
    const job = await admin.create("job", { source: "share=projects/in/a.txt", destination: "share=projects/out/", status: "waiting" });
    const statuses: Array<[number, string]> = [];
    for (;;) {
      const [j] = (await admin.call("GET", "job/find", {}, { id: String(job.id) })).body.result as Array<{ status: string }>;
      statuses.push([Date.now() - started, String(j?.status)]);
      if (j?.status === "done" || Date.now() - started > 5000) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const firstRunning = statuses.find(([, s]) => s === "running" || s === "done")?.[0] ?? Infinity;
    expect(statuses.filter(([t]) => t < PICKUP_MS - 100).every(([, s]) => s === "init" || s === "waiting")).toBe(true);
    expect(firstRunning).toBeGreaterThanOrEqual(PICKUP_MS - 50);
    expect(statuses.at(-1)?.[1]).toBe("done");
  });
});
