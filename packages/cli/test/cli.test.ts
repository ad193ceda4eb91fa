import { execFile, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, hasEscape, startHarness, type CliHarness } from "./helpers.js";

let cli: CliHarness;
beforeAll(async () => {
  cli = await startHarness("admin");
}, 180_000);
afterAll(async () => {
  await cli?.stop();
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function secretForms(secret: string): string[] {
  const b64 = Buffer.from(secret).toString("base64");
  return [secret, b64, b64.replace(/=+$/, "")];
}

describe("version, help and usage", () => {
  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "packages/cli/package.json"), "utf8")) as { version: string };
    const result = await cli.run(["--version"], { noConnection: true });
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("--help lists the command groups, exit codes and an example", async () => {
    const { code, stdout } = await cli.run(["--help"], { noConnection: true });
    expect(code).toBe(0);
    for (const command of ["find", "get", "create", "ls", "grant", "settings", "wait", "whoami", "doctor", "emulator", "completion"]) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    }
    expect(stdout).toContain("Exit codes: 0 ok, 1 error, 2 usage, 3 auth, 4 network, 5 not found, 6 job failed/aborted,\n  7 permission, 8 conflict, 9 timeout, 10 internal.");
    expect(stdout).toContain("$ accsyn find");
  });

  it("an unknown command or a missing argument is a usage error (exit 2)", async () => {
    const unknown = await cli.run(["fnd", "user"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'fnd'[\s\S]*find/);
    expect((await cli.run(["get", "user"])).code).toBe(2);
    expect((await cli.run(["settings"])).code).toBe(2);
    const both = await cli.run(["find", "user", "--json", "--ndjson"]);
    expect(both).toMatchObject({ code: 2, stderr: "accsyn: --json and --ndjson cannot be combined: pick one.\n" });
  });
});

describe("global options", () => {
  it("are accepted before or after the command", async () => {
    const before = await cli.run(["--json", "find", "user WHERE role=admin"]);
    const after = await cli.run(["find", "user WHERE role=admin", "--json"]);
    expect(JSON.parse(before.stdout)).toEqual(JSON.parse(after.stdout));
  });
});

describe("credentials, network and secrets", () => {
  it("missing credentials exit 3 and say what to set", async () => {
    const { code, stderr } = await cli.run(["whoami"], { env: { ACCSYN_API_KEY: undefined } });
    expect(code).toBe(3);
    expect(stderr).toMatch(/^accsyn: Please supply your accsyn API KEY.*ACCSYN_API_KEY/);
  });

  it("a wrong key exits 3 and never shows the key, even with --verbose", async () => {
    const wrong = "wrong-key-0123456789";
    const { code, stdout, stderr } = await cli.run(["whoami", "--verbose"], { env: { ACCSYN_API_KEY: wrong } });
    expect(code).toBe(3);
    for (const form of secretForms(wrong)) expect(stdout + stderr).not.toContain(form);
    expect(stderr.trim().split("\n").at(-1)).toMatch(/^accsyn: .*accsyn doctor/);
  });

  it("--verbose logs requests on stderr with the key masked; stdout stays parseable JSON", async () => {
    const key = cli.keyOf("admin");
    const { code, stdout, stderr } = await cli.run(["find", "user", "--verbose", "--json"]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/\[accsyn\] → GET user\/find/);
    expect(JSON.parse(stdout)).toHaveLength(3);
    for (const form of secretForms(key)) expect(stdout + stderr).not.toContain(form);
  });

  it("--api-key on the command line works, warns, and is never echoed", async () => {
    const key = cli.keyOf("employee");
    const { code, stdout, stderr } = await cli.run(["whoami", "--verbose", "--user", cli.userOf("employee"), "--api-key", key], { env: { ACCSYN_API_KEY: undefined } });
    expect(code).toBe(0);
    expect(stdout).toContain("role\temployee");
    expect(stderr).toContain("--api-key is visible in the process list");
    for (const form of secretForms(key)) expect(stdout + stderr).not.toContain(form);
  });

  it("credentials come from --env-file too", async () => {
    const file = join(cli.cwd, "standard.env");
    writeFileSync(file, `ACCSYN_API_USER=${cli.userOf("standard")}\nACCSYN_API_KEY=${cli.keyOf("standard")}\n`);
    const me = await cli.json<{ role: string }>(["whoami", "--env-file", file], { env: { ACCSYN_API_USER: undefined, ACCSYN_API_KEY: undefined } });
    expect(me.role).toBe("standard");
  });

  it("masks a key read from --env-file (or .env) in what it prints, as the session authenticates with it", async () => {
    const file = join(cli.cwd, "leaky.env");
    const key = cli.keyOf("standard");
    writeFileSync(file, `ACCSYN_API_USER=${cli.userOf("standard")}\nACCSYN_API_KEY=${key}\n`);
    // the key pasted where an id belongs: the refusal quotes what it got
    const { code, stdout, stderr } = await cli.run(["get", "job", key, "--env-file", file], { env: { ACCSYN_API_USER: undefined, ACCSYN_API_KEY: undefined } });
    expect(code).toBe(2);
    expect(stderr).toBe('accsyn: Invalid entity ID supplied! An accsyn id is 24 lower-case hexadecimal characters; got "***".\n');
    for (const form of secretForms(key)) expect(stdout + stderr).not.toContain(form);
  });

  it("no backend listening exits 4 with one line pointing at doctor", async () => {
    const port = await closedPort();
    const { code, stderr } = await cli.run(["whoami", "--host", "127.0.0.1", "--port", String(port), "--http"], { noConnection: true });
    expect(code).toBe(4);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^accsyn: .*(--host|doctor)/);
  });
});

describe("colour", () => {
  it("never writes escape codes without a terminal, even with CI or FORCE_COLOR set", async () => {
    for (const args of [["find", "user"], ["get", "user", "0123456789abcdef01234567"], ["doctor"], ["settings", "list"]]) {
      const { stdout, stderr } = await cli.run(args, { env: { CI: "1", FORCE_COLOR: "3" } });
      expect(hasEscape(stdout + stderr)).toBe(false);
    }
  }, 70_000); // four commands, each killed (and reported) after 15 s
});

describe("whoami and doctor", () => {
  it("whoami shows user, role, workspace and backend", async () => {
    const me = await cli.json<Record<string, string>>(["whoami"]);
    expect(me).toMatchObject({ username: "admin@acme.test", role: "admin", workspace: cli.workspace, backend: `http://127.0.0.1:${cli.port}` });
  });

  it("doctor passes every check against the emulator", async () => {
    const checks = await cli.json<Array<{ check: string; ok: boolean }>>(["doctor"]);
    expect(checks.map((c) => c.check)).toEqual(["credentials", "resolution", "reachability", "tls", "clock", "login"]);
    expect(checks.every((c) => c.ok)).toBe(true);
    const human = await cli.run(["doctor"]);
    expect(human.stdout).toMatch(/^✓ credentials/);
  });

  it("doctor names the failing check and the fix, with its exit code", async () => {
    const port = await closedPort();
    const { code, stdout } = await cli.run(["doctor", "--host", "127.0.0.1", "--port", String(port), "--http"], { noConnection: true });
    expect(code).toBe(4);
    expect(stdout).toMatch(/^✗ reachability .*ECONNREFUSED\n {2}fix: /m);
    const badKey = await cli.run(["doctor"], { env: { ACCSYN_API_KEY: "not-the-key" } });
    expect(badKey.code).toBe(3);
    expect(badKey.stdout).toMatch(/^✗ login/m);
  });
});

describe("completion", () => {
  it("prints bash, zsh and fish scripts naming the commands", async () => {
    const bash = await cli.run(["completion", "bash"], { noConnection: true });
    expect(bash.stdout).toContain("complete -o default -F _accsyn accsyn");
    expect(bash.stdout).toMatch(/settings\) words="get list set delete/);
    expect((await cli.run(["completion", "zsh"], { noConnection: true })).stdout).toMatch(/^#compdef accsyn/);
    const fish = await cli.run(["completion", "fish"], { noConnection: true });
    expect(fish.stdout).toContain("complete -c accsyn -n __fish_use_subcommand -a whoami");
    expect((await cli.run(["completion", "tcsh"], { noConnection: true })).code).toBe(2);
  });
});

describe("emulator", () => {
  it("runs an emulator in the foreground that the CLI can use, and stops on SIGINT", async () => {
    const child = spawn(process.execPath, [BIN, "emulator", "--port", "0"], { cwd: cli.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (match && output.includes("ACCSYN_API_KEY=")) resolve(Number(match[1]));
      });
      child.once("exit", (code) => reject(new Error(`emulator exited ${code}: ${output}`)));
    });
    expect(output).toMatch(/ACCSYN_WORKSPACE=acme ACCSYN_API_USER=admin@acme\.test/);
    const whoami = await new Promise<string>((resolve) => {
      const env = { ...process.env, ACCSYN_WORKSPACE: "acme", ACCSYN_API_USER: "admin@acme.test", ACCSYN_API_KEY: "demo-admin-key" };
      execFile(process.execPath, [BIN, "whoami", "--host", "127.0.0.1", "--port", String(port), "--http"], { cwd: cli.cwd, env }, (_e, stdout) => resolve(stdout));
    });
    expect(whoami).toContain("role\tadmin");
    const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    expect(await exit).toBe(0);
  });

  it("a port in use is a usage error naming the fix", async () => {
    const { code, stderr } = await cli.run(["emulator", "--port", String(cli.port)], { noConnection: true });
    expect(code).toBe(2);
    expect(stderr).toBe(`accsyn: Port ${cli.port} on 127.0.0.1 is already in use: stop what listens there, or pass --port 0 for a free port.\n`);
  });
});
