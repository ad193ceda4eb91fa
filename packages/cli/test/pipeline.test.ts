/**
 * Issue 17: `accsyn` in scripts and pipes, run as a child process (no TTY) against the emulator —
 * data-only stdout, the exit-code table, rm's refusal without a terminal, mkdir -p, ls -r
 * --files-only paths, grant's read-only default, access by code, doctor's plain-HTTP diagnosis,
 * completion after a global option with a value, settings with their source, and the endpoint and
 * .env precedence through the environment.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectsDir, startHarness, type CliHarness } from "./helpers.js";

let cli: CliHarness;
let volumeDir: string;
beforeAll(async () => {
  cli = await startHarness("admin");
  volumeDir = await projectsDir(cli);
  mkdirSync(join(volumeDir, "pipe", "sh010", "v001"), { recursive: true });
  writeFileSync(join(volumeDir, "pipe", "sh010", "v001", "a.exr"), "a");
  writeFileSync(join(volumeDir, "pipe", "sh010", "b.exr"), "bb");
  writeFileSync(join(volumeDir, "pipe", "top.txt"), "top");
}, 180_000);
afterAll(async () => {
  await cli?.stop();
});

type Entity = Record<string, unknown> & { id: string };
const NOTHING = "user WHERE code=nobody@nowhere.test";

describe("empty results print no data on stdout", () => {
  it("--ndjson writes nothing at all, not a blank line", async () => {
    expect(await cli.run(["find", NOTHING, "--ndjson"])).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(await cli.run(["find", NOTHING, "--all", "--ndjson"])).toMatchObject({ code: 0, stdout: "" });
  });

  it("piped human output writes nothing on stdout and says (none) on stderr", async () => {
    expect(await cli.run(["find", NOTHING])).toMatchObject({ code: 0, stdout: "", stderr: "(none)\n" });
  });

  it("--json writes the empty list, which is the data", async () => {
    expect(await cli.run(["find", NOTHING, "--json"])).toMatchObject({ code: 0, stdout: "[]\n" });
  });
});

describe("the exit-code table", () => {
  it("revoke of an ACL that does not exist exits 5 (not found) with one sane line", async () => {
    const folder = await cli.json<Entity>(["create", "folder", '{"name": "NoAcl", "parent": "projects", "path": "noacl"}']);
    const { code, stdout, stderr } = await cli.run(["revoke", "user", "standard@acme.test", "folder", folder.id]);
    expect(code).toBe(5);
    expect(stdout).toBe("");
    expect(stderr).toBe(`accsyn: user standard@acme.test has no access to folder ${folder.id}: nothing to revoke. See who has access with: accsyn access folder ${folder.id}\n`);
    const unknownUser = await cli.run(["revoke", "user", "ghost@acme.test", "folder", folder.id]);
    expect(unknownUser.code).toBe(5);
    expect(unknownUser.stderr).not.toMatch(/found.*found/);
  });

  it("permission 7, conflict 8, usage 2", async () => {
    const standard = { env: { ACCSYN_API_USER: cli.userOf("standard"), ACCSYN_API_KEY: cli.keyOf("standard") } };
    expect((await cli.run(["settings", "set", "max_transfers", "1"], standard)).code).toBe(7);
    expect((await cli.run(["mkdir", "share=projects/pipe"])).code).toBe(8);
    expect((await cli.run(["find"])).code).toBe(2);
  });
});

describe("files in scripts", () => {
  it("rm without --yes refuses when stdin is not a terminal, and deletes nothing", async () => {
    const { code, stdout, stderr } = await cli.run(["rm", "share=projects/pipe/top.txt"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^accsyn: Refusing to delete share=projects\/pipe\/top\.txt .*Pass --yes/);
    expect(existsSync(join(volumeDir, "pipe", "top.txt"))).toBe(true);
  });

  it("mkdir -p creates the missing parents and accepts an existing directory", async () => {
    const made = await cli.run(["mkdir", "-p", "share=projects/deep/a/b/c"]);
    expect(made).toMatchObject({ code: 0, stdout: "Created share=projects/deep, share=projects/deep/a, share=projects/deep/a/b, share=projects/deep/a/b/c\n" });
    expect(existsSync(join(volumeDir, "deep", "a", "b", "c"))).toBe(true);
    expect((await cli.run(["mkdir", "-p", "share=projects/deep/a"])).code).toBe(0);
    expect((await cli.run(["mkdir", "share=projects/other/x"])).code).toBe(5);
  });

  it("ls -r --files-only keeps each file's directory, as text and as JSON", async () => {
    const { stdout } = await cli.run(["ls", "share=projects/pipe", "-r", "--files-only"]);
    const names = stdout.trim().split("\n").slice(1).map((line) => line.split("\t")[1]);
    expect(names.sort()).toEqual(["sh010/b.exr", "sh010/v001/a.exr", "top.txt"]);
    const entries = await cli.json<Array<{ filename: string; type: number }>>(["ls", "share=projects/pipe", "-r", "--files-only"]);
    expect(entries.map((f) => [f.filename, f.type]).sort()).toEqual([["sh010/b.exr", 1], ["sh010/v001/a.exr", 1], ["top.txt", 1]]);
  });
});

describe("access", () => {
  it("grant gives read-only access unless --write, and access takes the share's code", async () => {
    await cli.json<Entity>(["create", "folder", '{"name": "Plates", "parent": "projects", "path": "plates-ro", "code": "plates-ro"}']);
    const granted = await cli.run(["grant", "user", "standard@acme.test", "folder", "plates-ro"]);
    expect(granted.code).toBe(0);
    expect(granted.stdout).toMatch(/^Granted user standard@acme\.test read access to folder plates-ro \(ACL [0-9a-f]{24}\)\n$/);
    const list = await cli.json<Array<{ user_hr: string; read: boolean; write: boolean }>>(["access", "folder", "plates-ro"]);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ read: true, write: false });
    expect(list[0]!.user_hr).toContain("standard@acme.test");
  });

  it("flags say what they do", async () => {
    const help = async (command: string) => (await cli.run([command, "--help"], { noConnection: true })).stdout.replace(/\s+/g, " ");
    const grantHelp = await help("grant");
    expect(grantHelp).toMatch(/--no-invite\s+fail when the e-mail is not a user of the workspace/);
    expect(grantHelp).toMatch(/--no-notify\s+shares: do not e-mail the user/);
    expect(grantHelp).toMatch(/--write\s+write access too \(default: read-only/);
    const createHelp = await help("create");
    expect(createHelp).toContain("--allow-duplicates jobs/tasks: a task with the same source and destination as an existing one retries that task");
    expect(createHelp).toMatch(/--refuse-duplicates/);
  });
});

describe("doctor", () => {
  it("says the endpoint is plain HTTP when HTTPS meets it, with no stray warnings", async () => {
    const { code, stdout, stderr } = await cli.run(["doctor", "--host", "127.0.0.1", "--port", String(cli.port), "--timeout", "5"], { noConnection: true });
    expect(code).toBe(4);
    expect(stdout).toMatch(/^✗ tls .*plain HTTP\n {2}fix: This endpoint is plain HTTP — use --http \/ ACCSYN_PROTOCOL=http\.$/m);
    expect(stdout).not.toContain("accsyn doctor");
    expect(stderr).toBe("");
  });

  it("a wrong key is reported once, in the report", async () => {
    const { code, stdout, stderr } = await cli.run(["doctor"], { env: { ACCSYN_API_KEY: "not-the-key-0123" } });
    expect(code).toBe(3);
    expect(stdout).toMatch(/^✗ login/m);
    expect(stderr).toBe("");
  });
});

describe("completion", () => {
  it("bash completes commands after a global option that takes a value", async () => {
    const script = (await cli.run(["completion", "bash"], { noConnection: true })).stdout;
    const complete = (words: string[]) =>
      execFileSync("bash", ["-c", `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _accsyn; echo "\${COMPREPLY[*]}"`], { encoding: "utf8" }).trim().split(" ");
    expect(complete(["accsyn", "--workspace", "acme", ""])).toEqual(expect.arrayContaining(["find", "whoami", "settings"]));
    expect(complete(["accsyn", "--workspace", "acme", "settings", ""])).toEqual(expect.arrayContaining(["get", "list"]));
    expect(complete(["accsyn", "--workspace", ""])).toEqual([""]);
  });
});

describe("settings", () => {
  it("settings list --effective shows each value in force and its source", async () => {
    expect((await cli.run(["settings", "set", "max_transfers", "6"])).code).toBe(0);
    const rows = await cli.json<Array<{ name: string; value: string; source: string }>>(["settings", "list", "--effective"]);
    expect(rows).toContainEqual({ name: "max_transfers", value: "6", source: "workspace" });
    expect(rows).toContainEqual({ name: "notify_on_done", value: "true", source: "default" });
    const text = await cli.run(["settings", "list", "--effective"]);
    expect(text.stdout).toMatch(/^name\tvalue\tsource\n/);
    expect(text.stdout).toContain("notify_on_done\ttrue\tdefault");
  });
});

describe("configuration from the environment", () => {
  it("the endpoint comes from ACCSYN_HOSTNAME, ACCSYN_PORT and ACCSYN_PROTOCOL", async () => {
    const env = { ACCSYN_HOSTNAME: "127.0.0.1", ACCSYN_PORT: String(cli.port), ACCSYN_PROTOCOL: "http" };
    const me = await cli.json<{ backend: string }>(["whoami"], { noConnection: true, env });
    expect(me.backend).toBe(`http://127.0.0.1:${cli.port}`);
  });

  it("a variable set in the environment wins over ./.env; --env-file wins over the environment", async () => {
    writeFileSync(join(cli.cwd, ".env"), "ACCSYN_API_KEY=wrong-key-from-dotenv\n");
    try {
      expect((await cli.json<{ username: string }>(["whoami"])).username).toBe("admin@acme.test");
      const named = join(cli.cwd, "named.env");
      writeFileSync(named, "ACCSYN_API_KEY=wrong-key-from-named-file\n");
      expect((await cli.run(["whoami", "--env-file", named])).code).toBe(3);
    } finally {
      writeFileSync(join(cli.cwd, ".env"), "");
    }
  });
});
