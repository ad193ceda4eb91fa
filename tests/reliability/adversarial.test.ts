/**
 * Adversarial input over HTTP against the emulator bin in a child process (so a hang shows as a timeout here,
 * not as a frozen test runner): hostile globs and regexes in queries, `ls` filters and `transfer_exclude`, forged
 * create keys, a duplicate id. Each bad call must be answered or refused within a bound while another client's
 * call, sent at the same moment, answers too — the emulator stays responsive. Before issue 24, `code=*a*a*a*b`
 * on 500 characters took 19 s and `matches '(a+)+$'` on 1,000 characters never finished.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleEmulatorBin, DEMO_USERS, type DemoRole, removeBundle, startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process.js";

/** Generous on a loaded 2-core machine; the backtracking engine took seconds to minutes on the same input. */
const BOUND_MS = 2000;
const LONG = "a".repeat(1000);

let bin = "";
let emu: EmulatorProcess;
const sessions: Partial<Record<DemoRole, { session: string; id: string; headers: Record<string, string> }>> = {};

interface Answer { status: number; body: Record<string, unknown>; ms: number }

async function call(role: DemoRole, method: string, uri: string, data: unknown = {}, extra: Record<string, string> = {}): Promise<Answer> {
  const s = sessions[role];
  if (!s) throw new Error(`no ${role} session`);
  const ev = JSON.stringify({ uri, session: s.session, workspace: "acme", data, ...extra });
  const inQuery = method === "GET" || method === "DELETE";
  const t0 = performance.now();
  const res = await fetch(`${emu.url}/api/v3/event${inQuery ? `?${encodeURIComponent(ev)}` : ""}`, {
    method, headers: s.headers, body: inQuery ? undefined : ev, signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, body, ms: performance.now() - t0 };
}

/** Sends the bad call and, at the same moment, another client's plain call; both must answer within the bound. */
async function whileBystanderCalls(bad: () => Promise<Answer>): Promise<Answer> {
  const [answer, bystander] = await Promise.all([bad(), call("employee", "GET", "user/find", {}, { query: "role=standard" })]);
  console.log(`${expect.getState().currentTestName ?? "?"}: answered ${answer.status} in ${Math.round(answer.ms)} ms; another client's call in ${Math.round(bystander.ms)} ms`);
  expect(bystander.status).toBe(200);
  expect(bystander.ms, `another client's call took ${Math.round(bystander.ms)} ms`).toBeLessThan(BOUND_MS);
  expect(answer.ms, `the bad call took ${Math.round(answer.ms)} ms`).toBeLessThan(BOUND_MS);
  return answer;
}

beforeAll(async () => {
  bin = bundleEmulatorBin();
  emu = await startEmulatorProcess(bin, ["--rate", "0", "--pickup-delay", "0"]);
  for (const role of ["admin", "employee", "standard"] as const) {
    const u = DEMO_USERS[role];
    const headers = { Authorization: `basic ${Buffer.from(u.username).toString("base64")}:${Buffer.from(u.apiKey).toString("base64")}`, "X-Accsyn-Workspace": "acme" };
    const r = (await (await fetch(`${emu.url}/api/v3/api/login`, { method: "PUT", headers, body: "{}" })).json()) as { result: { session_id: string; id: string } };
    sessions[role] = { session: r.result.session_id, id: r.result.id, headers };
  }
  for (const [name, description] of [["long", LONG], ["long-bang", `${LONG}!`], ["newline", "line one\nhello there"]])
    expect((await call("admin", "POST", "queue/create", { name, description })).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await emu?.stop();
  if (bin) removeBundle(bin);
});

describe("hostile queries answer fast, and others are served meanwhile", () => {
  it("code=*a*a*a*b on a 1,000-character value", async () => {
    const a = await whileBystanderCalls(() => call("admin", "GET", "queue/find", {}, { query: "description=*a*a*a*b" }));
    expect(a.status).toBe(200);
    expect(a.body.result).toEqual([]);
  });

  it("matches '(a+)+$' on a 1,000-character value (RE2: linear time) finds the right queue", async () => {
    const a = await whileBystanderCalls(() => call("admin", "GET", "queue/find", {}, { query: "description matches '^(a+)+$'" }));
    expect((a.body.result as Array<{ code: string }>).map((q) => q.code)).toEqual(["long"]);
  });

  it("a glob matches across newlines", async () => {
    const a = await call("admin", "GET", "queue/find", {}, { query: "description=*hello*" });
    expect((a.body.result as Array<{ code: string }>).map((q) => q.code)).toEqual(["newline"]);
  });

  it("a regex RE2 cannot run in linear time (backreference) is refused with a 400 naming the rule", async () => {
    const a = await call("admin", "GET", "queue/find", {}, { query: "description matches '(a)\\1'" });
    expect(a.status).toBe(400);
    expect(String(a.body.message)).toMatch(/no backreferences or lookaround/);
  });

  it("an object value is refused by the operator, not compared as '[object Object]'", async () => {
    const a = await call("admin", "GET", "queue/find", {}, { query: "metadata contains object" });
    expect(a.status).toBe(400);
    expect(String(a.body.message)).toMatch(/'contains' compares text, numbers and lists, not an object/);
  });
});

describe("hostile file filters", () => {
  let dir = "";
  beforeAll(async () => {
    const vol = ((await call("admin", "GET", "volume/find", {}, { query: "default=true" })).body.result as Array<{ path: string }>)[0];
    dir = join(String(vol?.path), "hostile");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${"a".repeat(200)}!`), "x");
    writeFileSync(join(dir, `${"a".repeat(200)}b`), "x");
  });

  for (const include of ["*a*a*a*a*a*a*c", "re('(a+)+$')", "re('(a|aa)+$')"]) {
    it(`ls with include ${include} on 200-character names`, async () => {
      const a = await whileBystanderCalls(() => call("admin", "GET", "workspace/file", { op: "ls", path: "volume=projects/hostile", include }));
      expect(a.status).toBe(200);
      expect(a.body.result).toEqual([]);
    });
  }

  it("transfer_exclude with a hostile regex: the job runs to done while others are served", async () => {
    const created = await call("admin", "POST", "transfer/create", {
      source: "volume=projects/hostile", destination: "volume=projects/hostile-copy", status: "waiting",
      settings: { transfer_exclude: "re('(a+)+$')\\,*a*a*a*a*a*a*c" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id = (created.body.result as Array<{ id: string }>)[0]?.id;
    let status = "";
    for (let i = 0; i < 100 && status !== "done" && status !== "failed"; i++) {
      const a = await whileBystanderCalls(() => call("admin", "GET", "transfer/find", { finished: true }, { query: `id=${String(id)}` }));
      status = String((a.body.result as Array<{ status: string }>)[0]?.status);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe("done");
  });
});

describe("forged creates", () => {
  it("a standard user cannot set the owner, created, progress or internal keys of a transfer", async () => {
    const admin = sessions.admin?.id;
    const base = { source: "standard@acme.test:/tmp/x", destination: "admin@acme.test:/tmp/y" };
    const owner = await call("standard", "POST", "transfer/create", { ...base, user: admin });
    expect([owner.status, owner.body.message]).toEqual([403, "Only administrators create a job owned by another user ('user')"]);
    for (const [key, value] of [["created", "1999-01-01T00:00:00"], ["progress", 77], ["speed", 5], ["_start", true], ["user_hr", "x"]] as const) {
      const a = await call("standard", "POST", "transfer/create", { ...base, [key]: value });
      expect(a.status, key).toBe(400);
      expect(String(a.body.message), key).toMatch(new RegExp(`^'${key}' cannot be set`));
    }
  });

  it("an admin naming an unknown owner is refused (no job that no one owns)", async () => {
    const a = await call("admin", "POST", "transfer/create", { source: "/tmp/x", destination: "standard@acme.test:/tmp/y", user: "nobody" });
    expect([a.status, a.body.message]).toEqual([400, "Unknown user \"nobody\" in 'user': give the id or e-mail of a user of the workspace"]);
  });

  it("an id in the wrong form is refused; a duplicate id is a 409, not a 500", async () => {
    const bad = await call("admin", "POST", "queue/create", { name: "forged", id: "NOT-AN-ID" });
    expect([bad.status, bad.body.message]).toEqual([400, "'id' must be 24 lowercase hex characters, not \"NOT-AN-ID\""]);
    const dup = await whileBystanderCalls(() => call("admin", "POST", "queue/create", { name: "dup", id: sessions.admin?.id }));
    expect([dup.status, dup.body.message]).toEqual([409, `An entity with id '${String(sessions.admin?.id)}' already exists`]);
  });

  it("a queue's status is set by the workspace, not by its create", async () => {
    const a = await call("admin", "POST", "queue/create", { name: "forged-status", status: "paused" });
    expect(a.status).toBe(400);
    expect(String(a.body.message)).toMatch(/^'status' cannot be set when creating a queue: the workspace sets it/);
  });
});
