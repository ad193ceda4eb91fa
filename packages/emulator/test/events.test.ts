/**
 * The event stream: `--log` prints each request with its operation, user, role, status and duration, each
 * status change with the failure reason in accsyn's words, JSON lines on request; the job log tells the
 * story; a rolled-back write never reaches the stream; API keys never enter it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../src/index.js";
import { Store } from "../src/store/store.js";
import type { StoreChange } from "../src/store/changes.js";
import { RawClient } from "./client.js";

const SEED = {
  workspace: { code: "acme" },
  users: [
    { code: "admin@acme.test", role: "admin" as const, api_key: "admin-secret-key-41f0" },
    { code: "standard@acme.test", role: "standard" as const, api_key: "standard-secret-key-9c2d" },
  ],
  volumes: [{ code: "projects", default: true, files: { "clip.mov": "x".repeat(1000) } }],
};
const SECRETS = ["admin-secret-key-41f0", "standard-secret-key-9c2d"].flatMap((k) => [k, Buffer.from(k).toString("base64")]);

describe("the event stream", () => {
  const text: string[] = [];
  const json: string[] = [];
  let emu: RunningEmulator;
  let jsonEmu: RunningEmulator;
  let admin: RawClient;
  let standard: RawClient;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, seed: SEED, log: (l) => text.push(l), jobs: { rate: 0, pickupMs: 0, tickMs: 5 } });
    jsonEmu = await startEmulator({ port: 0, seed: SEED, log: (l) => json.push(l), logFormat: "json", jobs: { run: false } });
    admin = await RawClient.as(emu, "admin");
    standard = await RawClient.as(emu, "standard");
  });
  afterAll(async () => {
    await emu.stop();
    await jsonEmu.stop();
  });

  const until = async (what: () => boolean): Promise<void> => {
    for (let i = 0; i < 400 && !what(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(what()).toBe(true);
  };

  it("logs a first transfer: the call with its operation, user and role, then each status change", async () => {
    const job = await admin.create("transfer", { code: "first", tasks: [{ source: "volume=projects/clip.mov", destination: "volume=projects/out/" }] });
    await until(() => text.some((l) => l.includes(`'first': running → done`)));
    expect(text.find((l) => l.includes("POST transfer/create"))).toMatch(/^\d\d:\d\d:\d\d\.\d{3} request {2}POST transfer\/create admin@acme\.test \(admin\) → 200 in \d+ ms$/);
    expect(text.filter((l) => l.includes(`status   transfer ${String(job.id).slice(0, 8)}`))).toEqual([
      expect.stringMatching(/status {3}transfer \w+… 'first': init → waiting$/),
      expect.stringMatching(/'first': waiting → running$/),
      expect.stringMatching(/'first': running → done$/),
    ]);
  });

  it("logs a failed transfer with the reason in accsyn's words, and the job log tells its story", async () => {
    const job = await admin.create("transfer", { code: "broken", tasks: [{ source: "volume=projects/missing.mov", destination: "volume=projects/out/" }] });
    await until(() => text.some((l) => l.includes(`'broken': running → failed`)));
    const reason = "E#J001 File or directory not found at server: volume=projects/missing.mov";
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`task \\S+ 'volume=projects/missing\\.mov' of \\w+…: queued → failed: ${reason}$`)));
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`'broken': running → failed: ${reason}$`)));
    const story = await admin.call("GET", "logs", { entitytype: "transfer", sort_reverse: false }, { id: String(job.id) });
    expect(story.status).toBe(200);
    expect((story.body.result as { message: string }[]).map((l) => l.message)).toEqual([
      "Created 'broken'", "Queued: waiting for a client to pick the job up", "Picked up: running",
      `Task volume=projects/missing.mov: failed: ${reason}`, `Failed: ${reason}`,
    ]);
  });

  it("logs a refused call with its status and message", async () => {
    const refused = await standard.call("GET", "logs", {});
    expect(refused.status).toBe(403);
    await until(() => text.some((l) => l.includes("GET logs standard@acme.test")));
    expect(text.find((l) => l.includes("GET logs standard@acme.test"))).toMatch(/request {2}GET logs standard@acme\.test \(standard\) → 403 in \d+ ms: Standard users cannot read logs$/);
  });

  it("prints JSON lines with --log-format json", async () => {
    const c = await RawClient.as(jsonEmu, "admin");
    await c.call("GET", "user/find", {});
    const events = json.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.at(-1)).toMatchObject({ type: "request", method: "GET", uri: "user/find", user: "admin@acme.test", role: "admin", status: 200 });
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => Number(a) - Number(b)));
  });

  it("never lets an API key into the stream, its details or the log", async () => {
    expect((await admin.call("GET", "user/api_key", {})).body).toEqual({ api_key: "admin-secret-key-41f0" });
    await admin.call("GET", "user/find", {}, { query: "code=admin@acme.test" });
    await new RawClient(emu, "admin@acme.test", "wrong-key-but-long").login();
    await admin.call("POST", "user/create", { code: "new@acme.test", role: "standard", api_key: "created-user-key-5e5e" });
    const seen = [
      ...text, ...emu.events.since(0).map((e) => JSON.stringify(e)),
      ...emu.events.since(0).map((e) => JSON.stringify(emu.events.detail(e.seq) ?? {})),
    ].join("\n");
    expect(seen).toContain("user/api_key");
    for (const secret of [...SECRETS, "created-user-key-5e5e"]) expect(seen).not.toContain(secret);
    expect(JSON.stringify(emu.events.detail(emu.events.since(0).find((e) => e.type === "request" && e.uri === "user/api_key")?.seq ?? 0))).toContain('\\"api_key\\":\\"***\\"');
  });
});

describe("the store's changes", () => {
  it("reach observers only when the outermost transaction commits; a rollback leaves no event", () => {
    const store = new Store();
    const seen: StoreChange[] = [];
    store.observe((c) => seen.push(...c));
    expect(() => store.transaction(() => {
      store.insert("queue", { code: "gone", name: "Gone" });
      throw new Error("boom");
    })).toThrow("boom");
    expect(seen).toEqual([]);
    const q = store.transaction(() => {
      const inserted = store.insert("queue", { code: "kept", name: "Kept", priority: 1 });
      store.update(inserted.id, { priority: 2, name: "Kept" });
      expect(seen).toEqual([]); // not before the commit
      return inserted;
    });
    expect(seen.map((c) => [c.op, c.id, c.changes])).toEqual([["created", q.id, undefined], ["updated", q.id, { priority: { from: 1, to: 2 } }]]);
    store.close();
  });
});
