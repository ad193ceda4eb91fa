/**
 * Issue 4 through the SDK: every operator of the query language through `find`, and the `query`
 * tagged template of @accsyn/core producing queries the emulator answers correctly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query } from "@accsyn/api";
import { expectApiError, startE2E, type E2E } from "./support.js";

let e2e: E2E;
let job: { id: string; code?: unknown };
let start: Date;

const QUEUES = [
  { name: "Q Alpha", priority: 100, description: "red fox" },
  { name: "Q Beta", priority: 200, description: "blue whale" },
  { name: "Q Gamma", priority: 300, description: 'she said "hi"' },
  { name: "Q Delta", priority: 400, description: "it's late" },
];

beforeAll(async () => {
  e2e = await startE2E();
  start = new Date(Date.now() - 2000);
  for (const q of QUEUES) await e2e.admin.create("Queue", q);
  job = await e2e.admin.create("Job", {
    name: "Query Job", status: "paused",
    tasks: [
      { source: "share=projects/plates/a.exr", destination: "standard@acme.test:/in/" },
      { source: "share=projects/plates/b.exr", destination: "site=studio-b" },
    ],
  });
  await e2e.employee.create("Job", { name: "Employee Job", source: "share=projects/e.mov", destination: "site=studio-b", status: "paused" });
});
afterAll(async () => {
  await e2e.stop();
});

const queueCodes = async (q: string): Promise<string[]> => (await e2e.admin.find(q)).map((e) => String(e.code)).filter((c) => c.startsWith("q-")).sort();

describe("comparison operators", () => {
  it.each([
    ["Queue WHERE priority=200", ["q-beta"]],
    ["Queue WHERE priority!=200", ["q-alpha", "q-delta", "q-gamma"]],
    ["Queue WHERE priority<>200", ["q-alpha", "q-delta", "q-gamma"]],
    ["Queue WHERE priority<300", ["q-alpha", "q-beta"]],
    ["Queue WHERE priority>300", ["q-delta"]],
    ["Queue WHERE priority<=300", ["q-alpha", "q-beta", "q-gamma"]],
    ["Queue WHERE priority>=300", ["q-delta", "q-gamma"]],
    ["Queue WHERE code in q-alpha,q-gamma", ["q-alpha", "q-gamma"]],
    ["Queue WHERE code not in q-alpha,q-gamma", ["q-beta", "q-delta"]],
    ["Queue WHERE description contains fox", ["q-alpha"]],
    ["Queue WHERE description not contains fox", ["q-beta", "q-delta", "q-gamma"]],
    ["Queue WHERE name matches '^q (a|b)'", ["q-alpha", "q-beta"]],
    ["Queue WHERE name not matches 'a$'", []],
    ["Queue WHERE name not matches 'ta$'", ["q-alpha", "q-gamma"]],
  ])("%s", async (q, expected) => {
    expect(await queueCodes(q)).toEqual(expected);
  });
});

describe("boolean structure, wildcards, quotes, case", () => {
  it.each([
    ["Queue WHERE priority>100 AND priority<400", ["q-beta", "q-gamma"]],
    ["Queue WHERE code=q-alpha OR code=q-delta", ["q-alpha", "q-delta"]],
    ["Queue WHERE (code=q-alpha OR code=q-beta) AND priority>=200", ["q-beta"]],
    ["Queue WHERE code=q-alpha OR (code=q-beta AND (priority=100 OR priority=200))", ["q-alpha", "q-beta"]],
    ["Queue WHERE code=q-*a", ["q-alpha", "q-beta", "q-delta", "q-gamma"]],
    ["Queue WHERE code=*et*", ["q-beta"]],
    ["Queue WHERE name='Q Alpha'", ["q-alpha"]],
    ['Queue WHERE name="Q Beta"', ["q-beta"]],
    ["Queue WHERE description='she said \"hi\"'", ["q-gamma"]],
    ["Queue WHERE description=\"it's late\"", ["q-delta"]],
    ["QUEUE where NAME = 'q ALPHA'", ["q-alpha"]],
    ["Queue  WHERE   priority = 400", ["q-delta"]],
  ])("%s", async (q, expected) => {
    expect(await queueCodes(q)).toEqual(expected);
  });

  it("answers a syntax error as a message that points at the problem", async () => {
    const err = await expectApiError(e2e.admin.find("Queue WHERE priority >> 3"), /syntax error at position \d+/i);
    expect(err.message).toContain(">");
    await expectApiError(e2e.admin.find("Queue WHERE (code=q-alpha"), /expected '\)'/);
    await expectApiError(e2e.admin.find("Queue WHERE code='open"), /unterminated/);
  });
});

describe("references and dotted attributes", () => {
  it("matches users by e-mail and code references", async () => {
    const { admin } = e2e;
    const byAdmin = await admin.find("Job WHERE user=admin@acme.test");
    expect(byAdmin.map((j) => j.id)).toEqual([job.id]);
    const byEmployee = await admin.find("Job WHERE user=employee@acme.test");
    expect(byEmployee.map((j) => j.name)).toEqual(["Employee Job"]);
    const hq = await admin.findOne("Site WHERE code=hq");
    expect((await admin.find("Client WHERE site=hq")).every((c) => c.site === hq?.id)).toBe(true);
    const adminId = e2e.emu.users.find((u) => u.role === "admin")?.id;
    expect((await admin.find("Client WHERE user=admin@acme.test AND type in 0,2")).map((c) => c.user)).toEqual([adminId]);
    expect((await admin.find(`Job WHERE user=${String(adminId)}`)).map((j) => j.id)).toEqual([job.id]);
  });

  it("filters tasks by dotted job attributes", async () => {
    const { admin } = e2e;
    expect(await admin.find(`Task WHERE job.id=${job.id}`)).toHaveLength(2);
    expect(await admin.find("Task WHERE job.code='query job'")).toHaveLength(2);
    const one = await admin.find(`Task WHERE job.id=${job.id} AND source contains b.exr`);
    expect(one.map((t) => t.uri)).toEqual(["1"]);
  });

  it("pages with limit/skip, projects attributes and iterates", async () => {
    const { admin } = e2e;
    const all = await admin.find("Queue WHERE code=q-*");
    const page = await admin.find("Queue WHERE code=q-*", { limit: 2, skip: 1 });
    expect(page.map((q) => q.id)).toEqual(all.slice(1, 3).map((q) => q.id));
    const projected = await admin.find("Queue WHERE code=q-alpha", { attributes: ["name", "priority"] });
    expect(projected).toEqual([{ id: expect.any(String), name: "Q Alpha", priority: 100 }]);
    const seen: string[] = [];
    for await (const q of admin.iterate("Queue WHERE code=q-*", { pageSize: 3 })) seen.push(q.id);
    expect(seen).toEqual(all.map((q) => q.id));
  });
});

describe("the query tagged template", () => {
  it("builds queries with escaped values the emulator answers", async () => {
    const { admin } = e2e;
    const name = 'she said "hi"';
    expect(await queueCodes(query`Queue WHERE description=${name}`)).toEqual(["q-gamma"]);
    expect(await queueCodes(query`Queue WHERE description=${"it's late"}`)).toEqual(["q-delta"]);
    expect(await queueCodes(query`Queue WHERE code in ${["q-alpha", "q-beta"]} AND priority>${150}`)).toEqual(["q-beta"]);
    expect(await queueCodes(query`Queue WHERE name=${"Q Alpha"} OR name="${"Q Delta"}"`)).toEqual(["q-alpha", "q-delta"]);
    expect(await queueCodes(query`Queue WHERE default=${false} AND created>=${start}`)).toEqual(["q-alpha", "q-beta", "q-delta", "q-gamma"]);
    const injected = "q-alpha OR code=q-beta";
    expect(await queueCodes(query`Queue WHERE code=${injected}`)).toEqual([]);
    expect((await admin.find(query`Job WHERE user=${"admin@acme.test"}`)).map((j) => j.id)).toEqual([job.id]);
  });
});
