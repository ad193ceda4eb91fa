import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type CliHarness } from "./helpers.js";

let cli: CliHarness;
beforeAll(async () => {
  cli = await startHarness("admin");
}, 180_000);
afterAll(async () => {
  await cli?.stop();
});

type Entity = Record<string, unknown> & { id: string };
type Access = Record<string, unknown> & { user_hr?: string; user?: string };

/** Environment that makes the CLI act as another demo user. */
function as(role: string): { env: Record<string, string> } {
  return { env: { ACCSYN_API_USER: cli.userOf(role), ACCSYN_API_KEY: cli.keyOf(role) } };
}

const mentions = (list: Access[], email: string) => JSON.stringify(list).includes(email);

describe("grant, access, revoke", () => {
  it("shares a folder with a standard user, lists it, and takes it back", async () => {
    const folder = await cli.json<Entity>(["create", "folder", '{"name": "Outbox", "parent": "projects", "path": "outbox"}']);
    const granted = await cli.run(["grant", "user", "standard@acme.test", "folder", folder.id, "--write", "--no-invite"]);
    expect(granted.code).toBe(0);
    expect(granted.stdout).toMatch(new RegExp(`^Granted user standard@acme\\.test read/write access to folder ${folder.id} \\(ACL [0-9a-f]{24}\\)\\n$`));
    const again = await cli.json<unknown>(["grant", "user", "standard@acme.test", "folder", folder.id, "--no-invite"]);
    expect(again).toBe(true);
    const words = await cli.run(["grant", "user", "standard@acme.test", "folder", folder.id, "--no-invite"]);
    expect(words.stdout).toBe(`Granted user standard@acme.test read access to folder ${folder.id} (the user already had an ACL there)\n`);

    const list = await cli.json<Access[]>(["access", "folder", folder.id]);
    expect(mentions(list, "standard@acme.test")).toBe(true);
    const table = await cli.run(["access", "folder", folder.id]);
    expect(table.stdout.split("\n")[0]).toMatch(/^user_hr\t/);

    const asStandard = await cli.run(["ls", "share=outbox"], as("standard"));
    expect(asStandard.code).toBe(0);

    expect((await cli.run(["revoke", "user", "standard@acme.test", "folder", folder.id])).code).toBe(0);
    expect(mentions(await cli.json<Access[]>(["access", "folder", folder.id]), "standard@acme.test")).toBe(false);
  });

  it("lists a delivery's recipients as user_hr/actioned/user rows", async () => {
    const delivery = await cli.json<Entity>(["create", "delivery", '{"name": "Recipients"}']);
    expect((await cli.run(["grant", "user", "standard@acme.test", "delivery", delivery.id, "--no-invite"])).code).toBe(0);
    const table = await cli.run(["access", "delivery", delivery.id]);
    const [header, row] = table.stdout.trim().split("\n");
    expect(header).toBe("user_hr\tactioned\tuser");
    expect(row).toMatch(/^standard@acme\.test\t(true|false)\t[0-9a-f]{24}$/);
  });

  it("adds a recipient to a delivery", async () => {
    const delivery = await cli.json<Entity>(["create", "delivery", '{"name": "Dailies"}']);
    expect((await cli.run(["grant", "user", "standard@acme.test", "delivery", delivery.id, "--no-invite"])).code).toBe(0);
    expect(mentions(await cli.json<Access[]>(["access", "delivery", delivery.id]), "standard@acme.test")).toBe(true);
  });
});

describe("settings and logs", () => {
  it("get, set, list and delete a workspace setting", async () => {
    expect((await cli.run(["settings", "get", "transfer_speedlimit"])).stdout).toBe("100\n");
    expect((await cli.run(["settings", "set", "max_transfers", "4"])).stdout).toBe("Set max_transfers = 4\n");
    expect(await cli.json<string>(["settings", "get", "max_transfers"])).toBe("4");
    const list = await cli.run(["settings", "list"]);
    expect(list.stdout).toMatch(/^name\tvalue\n[\s\S]*max_transfers\t4/);
    expect(await cli.json<Record<string, string>>(["settings", "list"])).toMatchObject({ max_transfers: "4" });
    expect((await cli.run(["settings", "delete", "max_transfers"])).code).toBe(0);
    expect(await cli.json<string>(["settings", "get", "max_transfers"])).toBe("10");
  });

  it("a setting that does not exist exits 5", async () => {
    const { code, stderr } = await cli.run(["settings", "get", "no_such_setting"]);
    expect(code).toBe(5);
    expect(stderr).toBe("accsyn: The setting no_such_setting is not set.\n");
  });

  it("scopes settings to an entity with --scope and --id", async () => {
    const [user] = await cli.json<Entity[]>(["find", "user WHERE role=standard"]);
    expect((await cli.run(["settings", "set", "notify_on_done", "false", "--scope", "user", "--id", user!.id])).code).toBe(0);
    expect(await cli.json<string>(["settings", "get", "notify_on_done", "--scope", "user", "--id", user!.id])).toBe("false");
  });

  it("a standard user may not change workspace settings: exit 3", async () => {
    const { code, stderr } = await cli.run(["settings", "set", "max_transfers", "1"], as("standard"));
    expect(code).toBe(3);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("logs lists what happened, newest first", async () => {
    const result = await cli.json<{ result: Array<{ message: string }> }>(["logs", "--limit", "5"]);
    expect(result.result.length).toBeGreaterThan(0);
    expect(result.result.length).toBeLessThanOrEqual(5);
    const table = await cli.run(["logs", "--search", "setting", "--limit", "3"]);
    expect(table.stdout.split("\n")[0]).toMatch(/^date\t/);
  });
});
