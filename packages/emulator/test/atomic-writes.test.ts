/**
 * Every write is all-or-nothing across SQLite and the in-memory index. The emulator runs in this process
 * (the real request handler on a real socket) so that a test can snapshot the whole state: every entity of
 * every kind in index order, the task lists, the settings, and the same read back from the SQLite file.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { propertySeeds } from "../../../tests/support/seeds.js";
import type { EmulatorState } from "../src/handlers/index.js";
import { KINDS } from "../src/model.js";
import { DEMO_SEED } from "../src/seed.js";
import { createHandler } from "../src/server.js";
import { Store } from "../src/store/store.js";
import { MAX_BODY_BYTES, type RunningEmulator } from "../src/index.js";
import { RawClient } from "./client.js";

/** The whole state of a store as text: entities per kind in index order, task lists, settings. */
function snapshot(store: Store): string {
  const entities = KINDS.map((k) => [k, [...store.all(k)]]);
  const tasks = [...store.all("transfer")].map((j) => [j.id, store.tasksOf(j.id).map((t) => t.id)]);
  const settings = [...store.settings].filter(([, m]) => m.size > 0).map(([k, m]) => [k, [...m].sort()]).sort();
  return JSON.stringify({ entities, tasks, settings });
}

/** The state as the SQLite file holds it (a second store opened on the file). */
function persisted(file: string): string {
  const copy = new Store(file);
  try {
    return snapshot(copy);
  } finally {
    copy.close();
  }
}

describe("store transactions (in-memory index and SQLite together)", () => {
  let dir = "";
  let file = "";
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "accsyn-atomic-"));
    file = join(dir, "emulator.sqlite");
    store = new Store(file);
    store.transaction(() => {
      for (let j = 0; j < 3; j++) {
        const job = store.insert("transfer", { code: `job${j}`, status: "waiting", metadata: { n: j } });
        for (let t = 0; t < 3; t++) store.insert("task", { job: job.id, uri: String(t), status: "queued" });
      }
      for (let q = 0; q < 3; q++) store.insert("queue", { code: `q${q}`, priority: q });
      store.setSetting("workspace:", "a", "1");
      store.setSetting("workspace:", "b", "2");
    });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  type Op =
    | { op: "insert"; kind: "queue" | "task"; job: number; value: unknown }
    | { op: "update"; target: number; value: unknown }
    | { op: "remove"; target: number }
    | { op: "setting"; name: string; value: string | undefined }
    | { op: "nested"; ops: Op[]; caught: boolean };

  const value = fc.jsonValue({ maxDepth: 2 });
  const leafOp: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant("insert" as const), kind: fc.constantFrom("queue" as const, "task" as const), job: fc.nat(), value }),
    fc.record({ op: fc.constant("update" as const), target: fc.nat(), value }),
    fc.record({ op: fc.constant("remove" as const), target: fc.nat() }),
    fc.record({ op: fc.constant("setting" as const), name: fc.constantFrom("a", "b", "c", "__proto__", "constructor"), value: fc.option(fc.string(), { nil: undefined }) }),
  );
  const ops: fc.Arbitrary<Op[]> = fc.array(
    fc.oneof({ arbitrary: leafOp, weight: 5 }, { arbitrary: fc.record({ op: fc.constant("nested" as const), ops: fc.array(leafOp, { maxLength: 4 }), caught: fc.boolean() }), weight: 1 }),
    { maxLength: 8 },
  );
  /** How the transaction fails at its end: a plain throw, a value SQLite cannot store, a duplicate id. */
  const failure = fc.constantFrom("throw" as const, "unserialisable" as const, "duplicate" as const);

  const pick = <T>(list: T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
  function apply(list: Op[]): void {
    for (const o of list) {
      const all = [...store.all("transfer"), ...store.all("task"), ...store.all("queue")];
      if (o.op === "insert") {
        const job = pick([...store.all("transfer")], o.job);
        store.insert(o.kind, o.kind === "task" ? { job: job?.id, status: "queued", metadata: { v: o.value } } : { code: `new${all.length}`, metadata: { v: o.value } });
      } else if (o.op === "update") {
        const e = pick(all, o.target);
        if (e) store.update(e.id, { metadata: { v: o.value }, status: "paused" });
      } else if (o.op === "remove") {
        const e = pick(all, o.target);
        if (e) store.remove(e.id);
      } else if (o.op === "setting") store.setSetting("workspace:", o.name, o.value);
      else if (o.caught) {
        try {
          store.transaction(() => {
            apply(o.ops);
            throw new Error("inner");
          });
        } catch {
          // the inner level is undone; the outer one goes on
        }
      } else store.transaction(() => apply(o.ops));
    }
  }
  function fail(how: "throw" | "unserialisable" | "duplicate"): never {
    const any = store.all("queue").next().value;
    if (how === "unserialisable" && any) store.update(any.id, { metadata: { big: 1n } });
    if (how === "duplicate" && any) store.insert("queue", { id: any.id });
    throw new Error("fail");
  }

  for (const seed of propertySeeds("atomic transactions", [20261203])) {
    it(`a transaction that throws leaves memory and file as they were, and the next write works (property, seed ${seed})`, () => {
      fc.assert(
        fc.property(ops, failure, (list, how) => {
          const before = snapshot(store);
          expect(() => store.transaction(() => {
            apply(list);
            fail(how);
          })).toThrow();
          expect(snapshot(store)).toBe(before);
          expect(persisted(file)).toBe(before);
          store.transaction(() => apply(list));
          expect(persisted(file)).toBe(snapshot(store));
        }),
        { numRuns: 150, seed },
      );
    });
  }

  it("an inner transaction that fails is undone while the outer one commits", () => {
    const [queue] = [...store.all("queue")];
    const before = snapshot(store);
    store.transaction(() => {
      store.setSetting("workspace:", "outer", "yes");
      try {
        store.transaction(() => {
          store.update(queue?.id ?? "", { priority: 999 });
          store.remove([...store.all("task")][0]?.id ?? "");
          store.insert("queue", { code: "inner" });
          throw new Error("inner");
        });
      } catch {
        // undone
      }
    });
    const after = JSON.parse(snapshot(store)) as { settings: Array<[string, string[][]]> };
    expect(after.settings).toEqual([["workspace:", [["a", "1"], ["b", "2"], ["outer", "yes"]]]]);
    store.setSetting("workspace:", "outer", undefined);
    expect(snapshot(store)).toBe(before);
    expect(persisted(file)).toBe(before);
  });

  it("a single write that SQLite refuses leaves no trace in the index", () => {
    const before = snapshot(store);
    expect(() => store.insert("queue", { code: "bad", metadata: { big: 1n } })).toThrow();
    expect(snapshot(store)).toBe(before);
    expect([...store.all("queue")].some((q) => q.code === "bad")).toBe(false);
  });
});

describe("requests (the real handler on a socket)", () => {
  let dir = "";
  let file = "";
  let store: Store;
  let server: Server;
  let admin: RawClient;
  let standard: RawClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "accsyn-atomic-http-"));
    file = join(dir, "emulator.sqlite");
    store = new Store(file);
    const volumesDir = join(dir, "volumes");
    const { applySeed } = await import("../src/seed.js");
    applySeed(store, DEMO_SEED, volumesDir);
    const state: EmulatorState = {
      store, workspace: () => store.all("workspace").next().value ?? { id: "", code: "" }, logs: [], volumesDir, dataDir: dir, autoStart: false,
    };
    let port = 0;
    server = createServer({ maxHeaderSize: MAX_BODY_BYTES }, createHandler({ state, address: () => ({ hostname: "127.0.0.1", port }) }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    const emu = { url: `http://127.0.0.1:${port}`, workspace: "acme" } as RunningEmulator;
    admin = new RawClient(emu, "admin@acme.test", "demo-admin-key");
    standard = new RawClient(emu, "standard@acme.test", "demo-standard-key");
    await admin.login();
    await standard.login();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a refused edit that had already removed ACLs (role change first, bad metadata next) removes nothing", async () => {
    const volume = (await admin.find("volume", "code=projects"))[0];
    await admin.create("acl", { entity: `user:${standard.userId}`, target: `share:${String(volume?.id)}`, path: "/", read: true, write: false });
    const before = snapshot(store);
    const a = await admin.call("PUT", "user/edit", { role: "employee", metadata: "not an object" }, { id: standard.userId });
    expect(a.status).toBe(400);
    expect(snapshot(store)).toBe(before);
    expect(persisted(file)).toBe(before);
    expect(await admin.find("acl", `entity=user:${standard.userId}`)).toHaveLength(1);
  });

  it("a create with 5,000-deep metadata is refused and every later find answers", async () => {
    const before = snapshot(store);
    const body = `{"uri":"queue/create","session":"${admin.session}","data":{"name":"deep","metadata":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}}`;
    const res = await fetch(`${admin.emu.url}/api/v3/event`, { method: "POST", headers: admin.headers(), body });
    expect(res.status).toBe(400);
    expect(snapshot(store)).toBe(before);
    for (const type of ["queue", "user", "transfer"]) expect((await admin.call("GET", `${type}/find`, {})).status).toBe(200);
  });

  const NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty"];
  const deep = (n: number): unknown => Array.from({ length: n }).reduce<unknown>((v) => ({ a: v }), 1);
  const hostile = fc.oneof(
    fc.constantFrom(...NAMES), fc.jsonValue({ maxDepth: 2 }), fc.constant(deep(150)), fc.constant("x".repeat(20_000)),
    fc.constantFrom(null, -1, Number.MAX_VALUE, "not an object", [], {}),
    // valid values, so that some edits change something before a later key is refused
    fc.constantFrom("employee", "standard", "waiting", true, 500),
  );
  /** An edit whose first key (a role change) removes the user's ACLs and whose next key is refused. */
  const midWrite = fc.record({
    client: fc.constant("admin"), method: fc.constant("PUT"), uri: fc.constant("user/edit"),
    target: fc.constant(["user" as const, 1] as ["user", number]), // the standard user (after the admin is left out)
    data: fc.tuple(fc.constantFrom("employee", "admin"), fc.constantFrom(["metadata", "x"], ["priority", "high"], ["code", 5], ["status", "gone"]))
      .map(([role, [key, bad]]) => ({ role, [key as string]: bad })),
  });
  const anyRequest = fc.record({
    client: fc.constantFrom("admin", "standard"),
    method: fc.constantFrom("GET", "POST", "PUT", "DELETE"),
    uri: fc.oneof(
      fc.constantFrom("queue/create", "user/edit", "volume/edit", "transfer/edit", "transfer/create", "acl/create", "task/edit", "setting",
        "queue/delete", "user/deactivate", "queue/find", "collection/file/remove", "job/recipient/add"),
      fc.constantFrom(...NAMES).chain((n) => fc.constantFrom(`${n}/find`, `user/${n}`, `${n}/create`, `${n}/${n}`)),
    ),
    target: fc.tuple(fc.constantFrom("user" as const, "volume" as const, "queue" as const, "transfer" as const, "acl" as const), fc.nat()),
    data: fc.dictionary(fc.constantFrom("role", "metadata", "priority", "default", "status", "name", "code", "value", "entitytype", "tasks", ...NAMES), hostile, { maxKeys: 4 }),
  });

  for (const seed of propertySeeds("atomic requests", [20261203])) {
    it(`after any refused request the whole state equals the one before it, and the next valid call succeeds (property, seed ${seed})`, async () => {
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof({ arbitrary: anyRequest, weight: 9 }, { arbitrary: midWrite, weight: 1 }), async (r) => {
          // an earlier accepted run may have deactivated the standard user (its calls then answer 401, rightly)
          if ((await standard.call("GET", "queue/find", {})).status === 401) {
            expect((await admin.call("PUT", "user/activate", {}, { id: standard.userId })).status).toBe(200);
            await standard.login();
          }
          if (!(await admin.find("acl", `entity=user:${standard.userId}`)).length)
            await admin.create("acl", { entity: `user:${standard.userId}`, target: `share:${String(store.all("volume").next().value?.id)}`, path: "/", read: true });
          const client = r.client === "admin" ? admin : standard;
          const candidates = [...store.all(r.target[0])].filter((e) => e.id !== admin.userId); // the admin stays admin
          const target = candidates[r.target[1] % Math.max(1, candidates.length)];
          const before = snapshot(store);
          const a = await client.call(r.method, r.uri, r.data, target ? { id: target.id } : {});
          expect(a.status, JSON.stringify(a.body)).not.toBe(500);
          if (a.status !== 200) {
            refused++;
            expect(snapshot(store)).toBe(before);
            expect(persisted(file)).toBe(before);
            expect((await client.call("GET", "queue/find", {})).status).toBe(200);
          } else expect(persisted(file)).toBe(snapshot(store));
        }),
        { numRuns: 300, seed },
      );
      expect(refused).toBeGreaterThan(50);
    }, 120_000);
  }
});
