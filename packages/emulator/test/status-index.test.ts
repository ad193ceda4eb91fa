// The status index narrows finds whose query requires a status; it must never change their answer.
// Each check compares a query the index serves with the same query written so that it cannot
// (`(status=x or status=x)`: an `or` makes a full scan), over real HTTP, in order, with skip/limit.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { propertySeed } from "../../../tests/support/seeds.js";
import { startEmulator, type RunningEmulator } from "../src/index.js";
import { Store } from "../src/store/store.js";
import { RawClient } from "./client.js";

/** fast-check seed of this file's properties: fresh per run, printed; `SEED=<n>` replays. */
const SEED = propertySeed("status index property");

const STATUSES = ["init", "waiting", "running", "paused", "failed", "Running"];

let emu: RunningEmulator;
let admin: RawClient;
let ids: string[] = [];

beforeAll(async () => {
  const jobs = Array.from({ length: 60 }, (_, i) => ({
    code: `job-${i}`,
    status: STATUSES[(i * 7) % STATUSES.length],
    priority: (i * 37) % 100,
    user: i % 2 === 0 ? "admin@acme.test" : "standard@acme.test",
  }));
  emu = await startEmulator({
    port: 0,
    jobs: { run: false },
    seed: {
      workspace: { code: "acme" },
      users: [
        { code: "admin@acme.test", role: "admin", api_key: "admin-key" },
        { code: "standard@acme.test", role: "standard", api_key: "standard-key" },
      ],
      jobs,
    },
  });
  admin = await RawClient.as(emu, "admin");
  ids = (await admin.find("transfer")).map((j) => String(j.id));
});
afterAll(async () => {
  await emu.stop();
});

/** The codes `find` answers, in order. */
async function codes(query: string, data: Record<string, unknown> = {}): Promise<string[]> {
  return (await admin.find("transfer", query, data)).map((j) => String(j.code));
}

describe("the status index", () => {
  // first, on the seed's statuses: the property below changes them at random (a fresh seed may leave none running)
  it("matches statuses case-insensitively, and find_one takes the first in creation order", async () => {
    const running = await codes("status=RUNNING");
    expect(running).toEqual(await codes("(status=running or status=running)"));
    expect(running.length).toBeGreaterThan(0);
    const one = await admin.find("transfer", "status=running", { single_entity_query: true });
    expect(one.map((j) => j.code)).toEqual(running.slice(0, 1));
  });

  it("answers exactly what a full scan answers, in creation order, as statuses change", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ job: fc.nat(59), status: fc.constantFrom("waiting", "paused", "done", "aborted") }), { maxLength: 6 }),
        fc.subarray(["init", "waiting", "running", "paused", "failed", "done", "nothing"], { minLength: 1, maxLength: 3 }),
        fc.constantFrom("", " and priority>=30", " and user=standard@acme.test", " and code contains 1"),
        fc.record({ skip: fc.nat(10), limit: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }) }),
        async (changes, statuses, extra, page) => {
          for (const { job, status } of changes) {
            const answer = await admin.call("PUT", "transfer/edit", { status }, { id: ids[job] as string });
            expect(answer.status).toBe(200);
          }
          const indexed = statuses.length === 1 ? `status=${statuses[0]}` : `status in ${statuses.join(",")}`;
          const scanned = `(${statuses.map((s) => `status=${s}`).join(" or ")} or status=${statuses[0]})`;
          for (const data of [{}, { finished: true }, { ...page, ...(page.limit === undefined ? {} : { limit: page.limit }) }]) {
            expect(await codes(`${indexed}${extra}`, data)).toEqual(await codes(`${scanned}${extra}`, data));
          }
        },
      ),
      { numRuns: 40, seed: SEED },
    );
  });

});

describe("the status index in the store", () => {
  it("follows updates, removals and rolled-back transactions", () => {
    const store = new Store();
    const a = store.insert("transfer", { code: "a", status: "waiting" });
    const b = store.insert("transfer", { code: "b", status: "running" });
    const c = store.insert("transfer", { code: "c" });
    const codesWith = (statuses: string[]): string[] => store.inCreationOrder(store.withStatus("transfer", statuses) ?? []).map((e) => String(e.code));
    expect(codesWith(["running"])).toEqual(["b", "c"]);
    store.update(a.id, { status: "running" });
    expect(codesWith(["running"])).toEqual(["a", "b", "c"]);
    expect(codesWith(["waiting"])).toEqual(["c"]);
    expect(() =>
      store.transaction(() => {
        store.update(b.id, { status: "done" });
        store.remove(a.id);
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(codesWith(["running"])).toEqual(["a", "b", "c"]);
    expect(codesWith(["done"])).toEqual(["c"]);
    store.remove(c.id);
    expect(codesWith(["running"])).toEqual(["a", "b"]);
    store.close();
  });
});
