import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasEscape, startHarness, type CliHarness } from "./helpers.js";

let cli: CliHarness;
beforeAll(async () => {
  cli = await startHarness("admin");
}, 180_000);
afterAll(async () => {
  await cli?.stop();
});

type Entity = Record<string, unknown> & { id: string };
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

describe("find", () => {
  it("prints tab-separated rows with the user columns when not on a terminal", async () => {
    const { code, stdout, stderr } = await cli.run(["find", "user"]);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trim().split("\n");
    expect(header).toBe("id\tcode\tname\trole\tstatus\tcreated");
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.split("\t")[1]).sort()).toEqual(["admin@acme.test", "employee@acme.test", "standard@acme.test"]);
    expect(rows[0]?.split("\t")[5]).toMatch(ISO);
    expect(hasEscape(stdout + stderr)).toBe(false);
  });

  it("--json prints the SDK result with ISO dates", async () => {
    const users = await cli.json<Entity[]>(["find", "user WHERE role=admin"]);
    expect(users).toHaveLength(1);
    expect(users[0]?.code).toBe("admin@acme.test");
    expect(users[0]?.created).toMatch(ISO);
  });

  it("--limit, --skip and --attributes reach the backend", async () => {
    const page = await cli.json<Entity[]>(["find", "user", "--limit", "1", "--skip", "1", "--attributes", "id,code"]);
    expect(page).toHaveLength(1);
    expect(Object.keys(page[0] ?? {})).toEqual(expect.arrayContaining(["id", "code"]));
    expect(page[0]).not.toHaveProperty("role");
  });

  it("--all --ndjson streams one entity per line", async () => {
    const { code, stdout } = await cli.run(["find", "user", "--all", "--ndjson"]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n").map((line) => JSON.parse(line) as Entity);
    expect(lines.map((u) => u.code).sort()).toEqual(["admin@acme.test", "employee@acme.test", "standard@acme.test"]);
  });

  it("rejects a bad number with a usage error (exit 2)", async () => {
    const { code, stderr } = await cli.run(["find", "user", "--limit", "many"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--limit/);
  });

  it("find-one answers the match, or exit 5 when nothing matches", async () => {
    const one = await cli.json<Entity>(["find-one", "user WHERE code=standard@acme.test"]);
    expect(one.role).toBe("standard");
    const none = await cli.run(["find-one", "user WHERE code=nobody@acme.test"]);
    expect(none.code).toBe(5);
    expect(none.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("get", () => {
  it("prints one entity as key/value lines", async () => {
    const [admin] = await cli.json<Entity[]>(["find", "user WHERE role=admin"]);
    const { code, stdout } = await cli.run(["get", "user", admin!.id]);
    expect(code).toBe(0);
    expect(stdout).toContain(`code\tadmin@acme.test`);
    expect(stdout).toContain(`id\t${admin!.id}`);
  });

  it("exits 5 with one line naming the fix when the entity does not exist", async () => {
    const { code, stdout, stderr } = await cli.run(["get", "user", "0123456789abcdef01234567"]);
    expect(code).toBe(5);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^accsyn: No user with id 0123456789abcdef01234567 was found\. List them with: accsyn find user\n$/);
  });
});

describe("create, update, delete", () => {
  it("creates from inline JSON, from @file and from stdin", async () => {
    const inline = await cli.json<Entity>(["create", "queue", '{"name": "Inline queue"}']);
    expect(inline.name).toBe("Inline queue");

    const file = join(cli.cwd, "queue.json");
    writeFileSync(file, JSON.stringify({ name: "File queue", priority: 700 }));
    const fromFile = await cli.json<Entity>(["create", "queue", `@${file}`]);
    expect(fromFile).toMatchObject({ name: "File queue", priority: 700 });

    const fromStdin = await cli.json<Entity>(["create", "queue", "-"], { input: '{"name": "Stdin queue"}' });
    expect(fromStdin.name).toBe("Stdin queue");

    const human = await cli.run(["create", "queue", '{"name": "Human queue"}']);
    expect(human.stdout).toMatch(/^Created queue [0-9a-f]{24}\n$/);
  });

  it("rejects input that is not JSON, or a missing file, with exit 2", async () => {
    const bad = await cli.run(["create", "queue", "{name: oops}"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^accsyn: the argument is not valid JSON .*@file\.json/);
    const missing = await cli.run(["create", "queue", "@/nonexistent/queue.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("ENOENT");
  });

  it("updates, deactivates, activates and deletes", async () => {
    const queue = await cli.json<Entity>(["create", "queue", '{"name": "Lifecycle"}']);
    const updated = await cli.json<Entity>(["update", "queue", queue.id, '{"priority": 800}']);
    expect(updated.priority).toBe(800);
    expect((await cli.run(["deactivate", "queue", queue.id])).stdout).toBe(`Deactivated queue ${queue.id}\n`);
    const byId = `queue WHERE id=${queue.id}`;
    expect(await cli.json<Entity[]>(["find", byId])).toEqual([]);
    expect(await cli.json<Entity[]>(["find", byId, "--inactive"])).toHaveLength(1);
    expect((await cli.run(["activate", "queue", queue.id])).code).toBe(0);
    expect(await cli.json<Entity[]>(["find", byId])).toHaveLength(1);
    const deleted = await cli.run(["delete", "queue", queue.id, "--force"]);
    expect(deleted).toMatchObject({ code: 0, stdout: `Deleted queue ${queue.id}\n` });
  });

  it("a conflict answered by the backend (HTTP 409) exits 8 with its message", async () => {
    const { code, stderr } = await cli.run(["create", "user", '{"code": "admin@acme.test"}']);
    expect(code).toBe(8);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^accsyn: /);
  });
});

describe("metadata and assignments", () => {
  it("lists entity types and attributes", async () => {
    expect(await cli.json<string[]>(["entitytypes"])).toEqual(expect.arrayContaining(["user", "transfer", "volume"]));
    expect(await cli.json<string[]>(["attributes", "user", "--create"])).toEqual(expect.arrayContaining(["code", "role"]));
    const all = await cli.run(["attributes", "user"]);
    expect(all.stdout.split("\n")).toContain("created");
  });

  it("lists the servers of a volume", async () => {
    const [volume] = await cli.json<Entity[]>(["find", "volume"]);
    const servers = await cli.json<Entity[]>(["assignments", "volume", volume!.id]);
    expect(servers.map((s) => s.code)).toContain("fileserver01");
  });
});

describe("the official CLI's form", () => {
  it("accsyn <type> find|get|create|update|delete", async () => {
    const admins = await cli.json<Entity[]>(["user", "find", "role=admin"]);
    expect(admins.map((u) => u.code)).toEqual(["admin@acme.test"]);
    const created = await cli.json<Entity>(["queue", "create", '{"name": "Alias queue"}']);
    expect((await cli.json<Entity>(["queue", "get", created.id])).name).toBe("Alias queue");
    expect((await cli.json<Entity>(["queue", "update", created.id, '{"priority": 600}'])).priority).toBe(600);
    expect((await cli.run(["queue", "delete", created.id])).code).toBe(0);
    const help = await cli.run(["user", "--help"]);
    expect(help.stdout).toMatch(/find[\s\S]*get[\s\S]*create[\s\S]*update[\s\S]*delete/);
  });
});
