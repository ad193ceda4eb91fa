import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectEmulator, DEMO_SEED, type RunningEmulator, type Seed, seedBuilder, startEmulator } from "../src/index.js";
import { RawClient } from "./client.js";

/** A seed with files, folders, ACLs, settings and jobs: what a pipeline's tests start from. */
const SEED: Seed = seedBuilder(DEMO_SEED)
  .volume("renders", { files: { "sh010/plate.0001.exr": "frame-1", "sh010/plate.0002.exr": "frame-2", "empty/": "" } })
  .folder("outgoing", { volume: "renders", path: "sh010" })
  .acl("standard@acme.test", "outgoing", { write: true })
  .setting("transfer_speedlimit", "100")
  .jobs(5, (i) => ({ code: `render-${i}`, status: i % 2 ? "done" : "paused", tasks: [{ source: `renders:/sh010/plate.000${(i % 2) + 1}.exr` }] }))
  .build();

/** Answers that together describe a workspace: every kind the seed uses, settings and a volume listing. */
async function picture(c: RawClient): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const kind of ["user", "transfer", "volume", "folder", "acl", "queue", "site", "client"]) out[kind] = await c.find(kind);
  out.finished = await c.find("transfer", undefined, { finished: true });
  for (const job of [...(out.transfer as Array<{ id: string }>), ...(out.finished as Array<{ id: string }>)])
    out[`tasks of ${job.id}`] = (await c.call("GET", "task/find", {}, { id: job.id })).body;
  out.settings = (await c.call("GET", "setting", { entitytype: "workspace", omit_defaults: true })).body;
  out.ls = (await c.call("GET", "workspace/file", { op: "ls", path: "share=renders", recursive: true })).body;
  return out;
}

let emu: RunningEmulator;
let admin: RawClient;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: SEED, jobs: { run: false } });
  admin = await RawClient.as(emu, "admin");
});
afterAll(async () => {
  await emu.stop();
});

describe("reset()", () => {
  it("puts entities, settings and files back, on the same port, with sessions still open", async () => {
    const before = await picture(admin);
    const port = emu.port;
    await admin.create("transfer", { code: "scratch", tasks: [{ source: "renders:/sh010/plate.0001.exr", destination: "standard@acme.test:/in" }] });
    const job = (await admin.find("transfer", 'code="render-0"'))[0];
    await admin.call("PUT", "transfer/edit", { status: "aborted" }, { id: String(job?.id) });
    await admin.call("PUT", "setting", { entitytype: "workspace", name: "transfer_speedlimit", value: "9" });
    const std = (await admin.find("user", 'code="standard@acme.test"'))[0];
    await admin.call("DELETE", "user/delete", {}, { id: String(std?.id) });
    const volume = (await admin.find("volume", 'code="renders"'))[0];
    writeFileSync(join(String(volume?.path), "sh010", "stray.txt"), "left over");
    expect(await picture(admin)).not.toEqual(before);

    await emu.reset();

    expect(emu.port).toBe(port);
    expect(await picture(admin)).toEqual(before); // the admin's session from before the reset still works
    expect(existsSync(join(String(volume?.path), "sh010", "stray.txt"))).toBe(false);
    expect((await RawClient.as(emu, "standard")).role).toBe("standard"); // same keys
  });

  it("is reachable over HTTP with the handle's control key, and refuses a wrong key with the reason", async () => {
    const remote = connectEmulator(JSON.parse(JSON.stringify(emu.handle)) as typeof emu.handle);
    await admin.create("queue", { name: "temporary" });
    await remote.reset();
    expect((await admin.find("queue")).map((q) => q.name)).not.toContain("temporary");

    const wrong = connectEmulator({ ...emu.handle, controlKey: "0".repeat(32) });
    await expect(wrong.reset()).rejects.toThrow(/HTTP 401.*x-accsyn-emulator-key/);
    const unknown = await fetch(`${emu.url}/_emulator/restart`, { method: "POST", headers: { "x-accsyn-emulator-key": emu.handle.controlKey } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/POST \/_emulator\/reset/);
  });

  it("refills the rate-limit buckets: a client refused with 429 is served again right after", async () => {
    const limited = await startEmulator({ port: 0, jobs: { run: false }, rateLimit: { requestsPerSecond: 0.01, burst: 1 } });
    try {
      const login = (): Promise<Response> => fetch(`${limited.url}/api/v3/api/login`, { method: "PUT", body: "{}" });
      expect((await login()).status).toBe(401); // spends the only token (no credentials: refused after admission)
      const refused = await login();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(60);
      await limited.reset();
      expect((await login()).status).toBe(401);
    } finally {
      await limited.stop();
    }
  });

  it("takes milliseconds on a workspace with 1,000 jobs", async () => {
    const big = await startEmulator({ port: 0, jobs: { run: false },
      seed: seedBuilder(DEMO_SEED).jobs(1000, (i) => ({ code: `job-${i}`, status: "paused", tasks: [{ source: `projects:/f${i}` }] })).build() });
    try {
      const c = await RawClient.as(big, "admin");
      await c.create("transfer", { code: "extra", tasks: [{ source: "projects:/x" }], status: "paused" });
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t = performance.now();
        await big.reset();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(`reset with 1,000 jobs + 1,000 tasks: median ${times[5]?.toFixed(1)} ms, min ${times[0]?.toFixed(1)} ms, max ${times[9]?.toFixed(1)} ms`);
      expect(await c.find("transfer")).toHaveLength(1000);
      expect(times[5]).toBeLessThan(1000); // milliseconds, with room for a loaded machine
    } finally {
      await big.stop();
    }
  });
});

describe("export()", () => {
  it("round-trips: an emulator started from an export answers the same", async () => {
    await emu.reset();
    await admin.create("transfer", { code: "after-seed", tasks: [{ source: "renders:/sh010/plate.0002.exr" }], status: "paused" });
    await admin.call("PUT", "setting", { entitytype: "workspace", name: "transfer_speedlimit", value: "42" });
    writeFileSync(join(emu.dataDir, "volumes", "renders", "sh010", "new.txt"), "new file");
    const exported = JSON.parse(JSON.stringify(await emu.export())) as Seed; // as a JSON file would carry it
    expect(exported.users.map((u) => u.code)).toEqual(["admin@acme.test", "employee@acme.test", "standard@acme.test"]);
    expect(JSON.stringify(exported)).not.toContain(emu.dataDir);

    const copy = await startEmulator({ port: 0, seed: exported, jobs: { run: false } });
    try {
      const there = await RawClient.as(copy, "admin");
      const [a, b] = [await picture(admin), await picture(there)];
      const paths = (p: unknown, dir: string): string => JSON.stringify(p).split(dir).join("<data>");
      expect(paths(b, copy.dataDir)).toEqual(paths(a, emu.dataDir));
      expect((await there.find("transfer", 'code="after-seed"'))).toHaveLength(1);
    } finally {
      await copy.stop();
    }
  });
});

describe("seedBuilder", () => {
  it("builds the seed format with its defaults, and copies on build", () => {
    const b = seedBuilder("studio").withRole("admin", "boss@studio.test").user("artist@studio.test", { api_key: "k1" });
    const first = b.build();
    b.queue("night", { priority: 100 });
    expect(first).toEqual({
      workspace: { code: "studio" },
      users: [{ code: "boss@studio.test", role: "admin", api_key: "test-boss-key" }, { code: "artist@studio.test", api_key: "k1" }],
    });
    expect(b.build().queues).toEqual([{ name: "night", priority: 100 }]);
  });
});
