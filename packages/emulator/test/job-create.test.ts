import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { emulatorForFile, type RawClient } from "./client.js";

const file = emulatorForFile({ jobs: { rate: 0, tickMs: 5, pickupMs: 0 } });
const admin = (): RawClient => file.as.admin;

/** The job by id, in any state. */
async function job(id: unknown, type = "job"): Promise<Record<string, unknown>> {
  return ((await admin().call("GET", `${type}/find`, { attributes: ["priority", "queue", "metadata", "parent", "status", "code"] }, { id: String(id) })).body.result as Record<string, unknown>[])[0] ?? {};
}

async function until(id: unknown, statuses: string[], type = "job"): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const j = await job(id, type);
    if (statuses.includes(String(j.status))) return j;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`job ${String(id)} never reached ${statuses.join("/")}`);
}

async function tasks(id: unknown): Promise<Record<string, unknown>[]> {
  return admin().find("task", undefined, { parent: String(id), attributes: ["uri", "status", "priority", "metadata", "source", "destination", "settings"] });
}

const volume = async (): Promise<string> => String((await admin().find("volume", "code=projects", { attributes: ["path"] }))[0]?.path);
const clients: Record<string, string> = {};
const clientId = (code: string): string => clients[code] ?? "";
const laptop = (...rest: string[]): string => join(file.emu.dataDir, "clients", clientId("admin-laptop"), ...rest);
beforeAll(async () => {
  for (const c of await admin().find("client", undefined, { attributes: ["code"] })) clients[String(c.code)] = String(c.id);
});
const put = (path: string, text: string): void => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
};

describe("job create (accsyn doc developer/job-specification.md)", () => {
  it("appends to the caller's job between the same parties and revives it (tests/test_transfer.py test_append_to_upload)", async () => {
    put(laptop("media", "one.jpg"), "one");
    put(laptop("media", "two.png"), "two");
    const first = await admin().create("transfer", { source: "/media/one.jpg", destination: "one.jpg", status: "waiting" });
    await until(first.id, ["done"]);
    const appended = await admin().create("job", { source: "/media/two.png", destination: "two.png", append: true });
    expect(appended.id).toBe(first.id);
    expect(appended.status).not.toBe("done");
    await until(first.id, ["done"]);
    expect((await tasks(first.id)).map((t) => t.uri)).toEqual(["0", "1"]);
    expect(readFileSync(join(await volume(), "two.png"), "utf8")).toBe("two");
    const other = await admin().create("job", { source: "share=projects/two.png", destination: "site=hq", append: true });
    expect(other.id).not.toBe(first.id);
    // changelog: "do not append to paused jobs"
    await admin().call("PUT", "job/edit", { status: "paused" }, { id: String(first.id) });
    const fresh = await admin().create("job", { source: "/media/one.jpg", destination: "again.jpg", append: true, status: "paused" });
    expect(fresh.id).not.toBe(first.id);
  });

  it("takes priority 1–1000 (default 500), queue by name or code, metadata and settings (Priorities, Metadata)", async () => {
    const queue = (await admin().find("queue", "code=urgent", { attributes: ["id"] }))[0];
    const byName = await admin().create("job", { source: "share=projects/two.png", destination: "site=studio-b", queue: "Urgent", status: "paused",
      metadata: { artist: "malcolm" }, settings: { transfer_mode: "onewaysync", task_bucketsize: 1, transfer_exclude: "*tmp\\,re('[0-9]')" } });
    expect(await job(byName.id)).toMatchObject({ priority: 500, parent: queue?.id, metadata: { artist: "malcolm" } });
    const byCode = await admin().create("job", { source: "share=projects/two.png", destination: "site=studio-b", queue: "urgent", priority: 1000, status: "paused" });
    expect(await job(byCode.id)).toMatchObject({ priority: 1000, parent: queue?.id });
    const settings = (await admin().call("GET", "setting", { entitytype: "job" }, { id: String(byName.id) })).body.result;
    expect(settings).toEqual({ transfer_mode: "onewaysync", task_bucketsize: "1", transfer_exclude: "*tmp\\,re('[0-9]')" });
    for (const [data, message] of [
      [{ priority: 0 }, /priority/], [{ priority: 1001 }, /priority/], [{ queue: "nope" }, /Queue 'nope' not found/], [{ metadata: "x" }, /metadata/],
      [{ settings: { transfer_mode: "move" } }, /transfer_mode/], [{ settings: { task_bucketsize: "0" } }, /task_bucketsize/],
      [{ settings: { job_done_actions: "explode" } }, /job_done_actions/],
    ] as const) {
      const a = await admin().call("POST", "job/create", { source: "share=projects/two.png", destination: "site=hq", ...data });
      expect(a.status, JSON.stringify(data)).toBeGreaterThanOrEqual(400);
      expect(String(a.body.message)).toMatch(message);
    }
  });

  it("excludes, one-way syncs and deletes excluded tasks when done as the settings say (Exclude files; changelog)", async () => {
    const vol = await volume();
    for (const f of ["keep.exr", "scratch.tmp", "take2"]) put(join(vol, "sync", "src", f), f);
    put(join(vol, "sync", "dst", "src", "stale.exr"), "stale");
    const j = await admin().create("job", { tasks: [{ source: "share=projects/sync/src", destination: "share=projects/sync/dst/" }],
      settings: { transfer_mode: "onewaysync", transfer_exclude: "*tmp\\,re('[0-9]')" }, status: "waiting" });
    await until(j.id, ["done"]);
    const dst = join(vol, "sync", "dst", "src");
    expect(["keep.exr", "scratch.tmp", "take2", "stale.exr"].map((f) => existsSync(join(dst, f)))).toEqual([true, false, false, false]);

    put(join(vol, "backup", "P1", "a"), "a");
    put(join(vol, "backup", "P2", "b"), "b");
    put(join(vol, "mirror", "P2", "b"), "old");
    const backup = await admin().create("job", { tasks: [{ source: "share=projects/backup/P1", destination: "share=projects/mirror/" },
      { source: "share=projects/backup/P2", destination: "share=projects/mirror/", status: "excluded" }], settings: { job_done_actions: "delete_excluded" }, status: "waiting" });
    await until(backup.id, ["done"]);
    expect([existsSync(join(vol, "mirror", "P1", "a")), existsSync(join(vol, "mirror", "P2"))]).toEqual([true, false]);
  });

  it("mirrors paths onto a destination party without a path, and onto the default volume when there is none (Source and Destination notation)", async () => {
    put(join(await volume(), "thefilm", "SCENES", "sc01.exr"), "sc01");
    const toSite = await admin().create("job", { source: "share=projects/thefilm/SCENES", destination: "site=studio-b", status: "waiting" });
    await until(toSite.id, ["done"]);
    const site = (await admin().find("site", "code=studio-b", { attributes: ["id"] }))[0]?.id;
    expect(readFileSync(join(file.emu.dataDir, "sites", String(site), "projects", "thefilm", "SCENES", "sc01.exr"), "utf8")).toBe("sc01");

    put(laptop("pitches", "Prototype.zip"), "zip");
    const up = await admin().create("job", { source: "/pitches/Prototype.zip", status: "waiting" });
    await until(up.id, ["done"]);
    expect(readFileSync(join(await volume(), "pitches", "Prototype.zip"), "utf8")).toBe("zip");
    const toWorkspace = await admin().create("job", { source: "/pitches/Prototype.zip", destination: "acme", status: "waiting" });
    expect((await tasks(toWorkspace.id))[0]?.destination).toMatchObject({ path: "pitches/Prototype.zip" });
    const toUser = await admin().create("job", { source: "share=projects/thefilm/SCENES/sc01.exr", destination: "employee@acme.test", status: "waiting" });
    await until(toUser.id, ["done"]);
    expect(readFileSync(join(file.emu.dataDir, "clients", clientId("employee-ws"), "projects", "thefilm", "SCENES", "sc01.exr"), "utf8")).toBe("sc01");
  });

  it("resolves ~, ~/…, volume=(default)/… and home=<e-mail>/… (Path examples)", async () => {
    await admin().create("home", { user: "admin@acme.test" });
    put(laptop("drop", "Prototype.zip"), "drop");
    const home = await admin().create("job", { source: "/drop/Prototype.zip", destination: "~/preproduction/", status: "waiting" });
    await until(home.id, ["done"]);
    const viaHome = await admin().call("GET", "workspace/file", { op: "exists", path: "home=admin@acme.test/preproduction/Prototype.zip" });
    expect(viaHome.body.result).toBe(true);
    const back = await admin().create("job", { source: "~/preproduction/Prototype.zip", destination: "volume=(default)/from-home/", status: "waiting" });
    await until(back.id, ["done"]);
    expect(readFileSync(join(await volume(), "from-home", "Prototype.zip"), "utf8")).toBe("drop");
  });

  it("keeps the task uris the caller chose, nested ones as <parent>/<child>, and runs groups through their children (C), Nested compute jobs)", async () => {
    const compute = await admin().create("compute", { name: "Mocap pipeline", settings: { task_bucketsize: "1" }, status: "waiting", tasks: {
      EP000_TK01: { tasks: { pickup: { tasks: { 0: { description: "take" }, 1: { description: "camera" } } }, "notify-pickup-done": { deps: ["EP000_TK01/pickup"] } } },
    } });
    expect((await tasks(compute.id)).map((t) => t.uri)).toEqual(["EP000_TK01", "EP000_TK01/pickup", "EP000_TK01/pickup/0", "EP000_TK01/pickup/1", "EP000_TK01/notify-pickup-done"]);
    await until(compute.id, ["done"], "compute");
    expect((await tasks(compute.id)).every((t) => t.status === "done")).toBe(true);
  });

  it("refuses tasks that carry what the workspace sets: a finished status, the job, internal keys", async () => {
    const target = await admin().create("job", { source: "share=projects/daily/a.mov", destination: "site=studio-b", status: "paused" });
    for (const [task, message] of [
      [{ source: "share=projects/x", status: "done" }, 'a task is added queued, onhold, excluded, not "done"'],
      [{ source: "share=projects/x", job: String(target.id) }, "'job' cannot be set when adding a task: the workspace sets it"],
      [{ source: "share=projects/x", _bytes: 5 }, "'_bytes' cannot be set: keys starting with '_' are internal to the emulator"],
      [{ source: "share=projects/x", finished: "2020-01-01T00:00:00" }, "'finished' cannot be set when adding a task: the workspace sets it"],
    ] as const) {
      for (const [uri, data, id] of [["task/create", { tasks: [task] }, String(target.id)], ["transfer/create", { tasks: [task], destination: "site=studio-b" }, undefined]] as const) {
        const a = await admin().call("POST", uri, data, id ? { id } : {});
        expect([a.status, String(a.body.message)], `${uri} ${JSON.stringify(task)}`).toEqual([400, expect.stringContaining(message)]);
      }
    }
    expect((await tasks(target.id)).map((t) => t.status)).toEqual(["queued"]);
  });

  it("fails a job whose owner is gone (E#J065), never a done with nothing copied", async () => {
    put(join(await volume(), "orphan", "o.mov"), "o");
    const owner = await admin().create("user", { code: "leaving@acme.test", role: "employee" });
    const made = await admin().create("job", { source: "share=projects/orphan/o.mov", destination: "site=studio-b", user: owner.id, status: "paused" });
    expect((await admin().call("DELETE", "user/delete", {}, { id: String(owner.id) })).status).toBe(200);
    const since = file.emu.events.since(0).at(-1)?.seq ?? 0;
    await admin().call("PUT", "job/edit", { status: "waiting" }, { id: String(made.id) });
    expect((await until(made.id, ["done", "failed"])).status).toBe("failed");
    const failed = file.emu.events.since(since).find((e) => e.type === "transition" && e.id === made.id && e.to === "failed");
    expect(failed?.type === "transition" ? failed.reason : undefined).toBe(`E#J065 User '${String(owner.id)}' dissappeared. The owner of this job is no longer a user of the workspace: give the job to another user.`);
    expect((await tasks(made.id)).map((t) => t.status)).toEqual(["queued"]);
  });

  it("gives a task added without a destination its job's, retries a task added again, and finishes a placeholder job at once (Create tasks; Placeholder jobs)", async () => {
    put(join(await volume(), "daily", "a.mov"), "a");
    put(join(await volume(), "daily", "b.mov"), "b");
    const placeholder = await admin().create("job", { code: "daily-sync", tasks: [{ source: "site=hq:null", destination: "site=studio-b", status: "excluded" }] });
    expect((await job(placeholder.id)).status).toBe("done");
    const added = await admin().call("POST", "task/create", { tasks: [{ source: "share=projects/daily/a.mov" }] }, { id: String(placeholder.id) });
    expect(added.status).toBe(200);
    expect((await tasks(placeholder.id))[1]?.destination).toMatchObject({ path: "/projects/daily/a.mov" });
    await until(placeholder.id, ["done"]);
    const task = (await tasks(placeholder.id))[1];
    expect(task?.status).toBe("done");
    const since = file.emu.events.since(0).at(-1)?.seq ?? 0;
    const again = await admin().call("POST", "task/create", { tasks: [{ source: "share=projects/daily/a.mov" }] }, { id: String(placeholder.id) });
    expect(again.status).toBe(200);
    // The same task, retried: answered queued (not the `done` it had), and it really runs again to done.
    expect((again.body.result as Record<string, unknown>[]).map((t) => [t.id, t.status])).toEqual([[task?.id, "queued"]]);
    await until(placeholder.id, ["done"]);
    expect((await tasks(placeholder.id)).length).toBe(2);
    const moves = file.emu.events.since(since).flatMap((e) => (e.type === "transition" && e.id === task?.id ? [`${e.from}>${e.to}`] : []));
    expect(moves[0]).toBe("done>queued");
    expect(moves.at(-1)).toMatch(/>done$/);
  });
});
