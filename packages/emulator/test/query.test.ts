import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQuery, startEmulator, type RunningEmulator } from "../src/index.js";
import { RawClient } from "./client.js";

let emu: RunningEmulator;
let admin: RawClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    jobs: { run: false },
    seed: {
      workspace: { code: "acme", name: "ACME Film" },
      users: [
        { code: "admin@acme.test", role: "admin", api_key: "demo-admin-key" },
        { code: "Lisa@Example.com", role: "standard", api_key: "demo-lisa-key" },
      ],
      jobs: [
        { code: "Dailies Week 12", status: "running", priority: 100, user: "admin@acme.test", tasks: [{ source: "share=projects/a.mov", destination: "lisa@example.com" }] },
        { code: "plates-A001", status: "waiting", priority: 500, user: "lisa@example.com" },
        { code: "grade_v2", status: "failed", priority: 900, user: "admin@acme.test" },
        { code: "old", status: "done", priority: 10, user: "admin@acme.test" },
      ],
    },
  });
  admin = await RawClient.as(emu, "admin");
  for (const j of await admin.find("transfer", undefined, { finished: false })) ids[String(j.code)] = String(j.id);
});
afterAll(async () => {
  await emu.stop();
});

async function codes(query: string, data: Record<string, unknown> = {}): Promise<string[]> {
  return (await admin.find("transfer", query, data)).map((j) => String(j.code)).sort();
}

describe("query operators over HTTP", () => {
  it.each([
    ["code=plates-a001", ["plates-A001"]],
    ["status!=running", ["grade_v2", "plates-A001"]],
    ["status<>running", ["grade_v2", "plates-A001"]],
    ["priority<500", ["Dailies Week 12"]],
    ["priority>500", ["grade_v2"]],
    ["priority<=500", ["Dailies Week 12", "plates-A001"]],
    ["priority>=500", ["grade_v2", "plates-A001"]],
    ["status in running,failed", ["Dailies Week 12", "grade_v2"]],
    ["status not in running,failed", ["plates-A001"]],
    ["code contains a00", ["plates-A001"]],
    ["code not contains 0", ["Dailies Week 12", "grade_v2"]],
    ["code matches '^(grade|plates)'", ["grade_v2", "plates-A001"]],
    ["code not matches '_v[0-9]$'", ["Dailies Week 12", "plates-A001"]],
    ["code=plates*", ["plates-A001"]],
    ["code=*_v2", ["grade_v2"]],
    ['code="dailies week 12"', ["Dailies Week 12"]],
    ["code='DAILIES WEEK 12'", ["Dailies Week 12"]],
    ["(status=failed or status=waiting) and priority>100", ["grade_v2", "plates-A001"]],
    ["status=failed or (status=running and (priority=100 or priority=1))", ["Dailies Week 12", "grade_v2"]],
    ["user=lisa@example.com", ["plates-A001"]],
    ["user=admin@acme.test and status=running", ["Dailies Week 12"]],
  ])("%s", async (query, expected) => {
    expect(await codes(query)).toEqual(expected);
  });

  it("matches references by id and dotted attributes", async () => {
    const lisa = (await admin.find("user", "code=lisa@example.com"))[0];
    expect(await codes(`user=${String(lisa?.id)}`)).toEqual(["plates-A001"]);
    const job = ids["Dailies Week 12"] as string;
    const tasks = await admin.find("task", `job.id=${job}`);
    expect(tasks).toHaveLength(1);
    expect(await admin.find("task", `job.code='dailies week 12'`)).toHaveLength(1);
  });

  it("is case-insensitive in names and values", async () => {
    const a = await admin.call("GET", "transfer/find", {}, { query: "CODE=GRADE_V2 AND Status=FAILED" });
    expect((a.body.result as unknown[]).length).toBe(1);
  });

  it("finds finished jobs only with finished=true, and honours limit, skip, attributes", async () => {
    expect(await codes("code=old")).toEqual([]);
    expect(await codes("code=old", { finished: true })).toEqual(["old"]);
    const all = await admin.find("transfer", undefined, { limit: 2, skip: 1 });
    expect(all).toHaveLength(2);
    const projected = await admin.find("transfer", "code=grade_v2", { attributes: ["code", "status"] });
    expect(projected).toEqual([{ id: ids.grade_v2, code: "grade_v2", status: "failed" }]);
    expect(await admin.find("transfer", undefined, { single_entity_query: true })).toHaveLength(1);
  });

  it.each([
    ["status=", "position 7"],
    ["status running", "'running'"],
    ["(status=running", "end of query"],
    ["status=running and", "end of query"],
    ["status not foo x", "'foo'"],
    ["code matches '('", "invalid regular expression"],
    ["code='open", "unterminated"],
  ])("answers a message pointing at the error in %s", async (query, fragment) => {
    const a = await admin.call("GET", "transfer/find", {}, { query });
    expect(a.status).toBe(400);
    expect(String(a.body.message)).toContain("Query syntax error");
    expect(String(a.body.message)).toContain(fragment);
    expect(a.body.result).toBeUndefined();
  });
});

describe("parser", () => {
  it("builds a tree with precedence of and over or", () => {
    const tree = parseQuery("a=1 or b=2 and c in 3,4");
    expect(tree).toMatchObject({ type: "or", left: { type: "cmp", attr: "a" }, right: { type: "and", right: { op: "in", values: ["3", "4"] } } });
  });
});
