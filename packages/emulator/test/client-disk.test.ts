import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_SEED } from "../src/index.js";
import { emulatorForFile } from "./client.js";

// A client whose disk is a real directory of this machine (the reference suite runs with `disk: "/"`: it uploads its
// tests/data files and checks, in tests/test_filesharing.py test_download_shared_content, that the download landed).
const disk = mkdtempSync(join(tmpdir(), "emu-disk-"));
const seed = { ...DEMO_SEED, clients: (DEMO_SEED.clients ?? []).map((c) => (c.code === "admin-laptop" ? { ...c, disk } : c)) };
const file = emulatorForFile({ seed, jobs: { rate: 0, tickMs: 5, pickupMs: 0 } });
afterAll(() => rmSync(disk, { recursive: true, force: true }));

async function finished(id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 400; i++) {
    const [j] = await file.as.admin.find("transfer", undefined, { finished: true }).then((l) => l.filter((x) => x.id === id));
    if (j) return j;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`job ${id} did not finish`);
}

describe("a client's disk", () => {
  it("reads and writes the seeded directory with the local paths the user gives", async () => {
    mkdirSync(join(disk, "outbox"), { recursive: true });
    writeFileSync(join(disk, "outbox", "plate.exr"), "plate");
    const up = await file.as.admin.create("transfer", { source: "/outbox/plate.exr", destination: "plates/plate.exr" });
    expect((await finished(String(up.id))).status).toBe("done");
    const down = await file.as.admin.create("transfer", { source: "plates/plate.exr", destination: "/inbox/plate.exr" });
    expect((await finished(String(down.id))).status).toBe("done");
    expect(readFileSync(join(disk, "inbox", "plate.exr"), "utf8")).toBe("plate");
    expect(existsSync(join(file.emu.dataDir, "clients"))).toBe(false);
  });
});
