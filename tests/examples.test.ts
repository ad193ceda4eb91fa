/**
 * The programs in examples/ run against the emulator: each is bundled with esbuild (the SDK from
 * its TypeScript sources), run as a child process with its connection in the environment, and
 * checked for its exit status and the lines it prints.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { query, Session } from "@accsyn/api";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@accsyn/emulator";

const root = fileURLToPath(new URL("..", import.meta.url));
/** Bundles live beside @accsyn/core's dependencies so that `got`, `dotenv` and `proxy-agent` resolve. */
const cacheDir = join(root, "packages/core/node_modules/.cache");
const EXAMPLES = ["find-running-transfers", "deliver-files", "sync-folder-listing", "manage-acls", "read-settings"];

interface Run { code: number | null; stdout: string; stderr: string }

let emulators: RunningEmulator[] = [];
let workDir: string;
let outDir: string;

beforeAll(async () => {
  mkdirSync(cacheDir, { recursive: true });
  outDir = mkdtempSync(join(cacheDir, "accsyn-examples-"));
  await build({
    entryPoints: EXAMPLES.map((name) => join(root, "examples", `${name}.ts`)),
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["got", "dotenv", "proxy-agent"],
    logLevel: "silent",
    plugins: [{
      name: "accsyn-sources",
      setup(b) {
        b.onResolve({ filter: /^@accsyn\/[a-z]+$/ }, (args) => ({ path: join(root, "packages", args.path.slice("@accsyn/".length), "src/index.ts") }));
      },
    }],
  });
  workDir = mkdtempSync(join(tmpdir(), "accsyn-examples-"));
}, 30_000);

afterEach(async () => {
  await Promise.all(emulators.map((emu) => emu.stop()));
  emulators = [];
});
afterAll(() => {
  for (const dir of [workDir, outDir]) rmSync(dir, { recursive: true, force: true });
});

/** An emulator for one test (instant jobs unless told otherwise) and an admin SDK session on it. */
async function emulatorWithAdmin(jobs: EmulatorOptions["jobs"] = { rate: 0, tickMs: 5, pickupMs: 20 }): Promise<{ emu: RunningEmulator; admin: Session }> {
  const emu = await startEmulator({ port: 0, jobs });
  emulators.push(emu);
  const user = emu.users.find((u) => u.role === "admin") ?? expect.unreachable("no admin");
  const admin = await Session.connect({
    workspace: emu.workspace, username: user.username, apiKey: user.apiKey, hostname: "127.0.0.1", port: emu.port, protocol: "http", env: {},
  });
  return { emu, admin };
}

/** Runs a bundled example as the admin (or with `apiKey`), in a scratch directory without a `.env`. */
function runExample(emu: RunningEmulator, name: string, args: string[] = [], apiKey?: string): Promise<Run> {
  const user = emu.users.find((u) => u.role === "admin") ?? expect.unreachable("no admin");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, ACCSYN_WORKSPACE: emu.workspace, ACCSYN_API_USER: user.username,
    ACCSYN_API_KEY: apiKey ?? user.apiKey, ACCSYN_HOSTNAME: "127.0.0.1", ACCSYN_PORT: String(emu.port), ACCSYN_PROTOCOL: "http",
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(outDir, `${name}.mjs`), ...args], { cwd: workDir, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Writes a file, creating its directories. */
function writeFileAt(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

async function volumeDir(admin: Session): Promise<string> {
  return String((await admin.findOne("Volume WHERE code=projects"))?.path);
}

describe("examples against the emulator", () => {
  it("find-running-transfers reports the running transfer with its tasks and skips finished ones", async () => {
    const { emu, admin } = await emulatorWithAdmin({ rate: 1000, tickMs: 5 });
    expect(await runExample(emu, "find-running-transfers")).toMatchObject({ code: 0, stdout: "No running transfers.\n" });

    const laptop = (await admin.findOne(query`Client WHERE code=${"admin-laptop"}`)) ?? expect.unreachable("no admin-laptop");
    const sandbox = join(emu.dataDir, "clients", laptop.id, "media");
    writeFileAt(join(sandbox, "dailies.mov"), Buffer.alloc(1024 * 1024, 1));
    writeFileAt(join(sandbox, "tiny.txt"), "tiny");
    const tiny = await admin.create("Transfer", { name: "Tiny", source: "/media/tiny.txt", destination: "share=projects/tiny/", status: "waiting" });
    await admin.waitFor("Transfer", tiny.id, { intervalMs: 10, timeoutMs: 5000 });
    const big = await admin.create("Transfer", { name: "Dailies", source: "/media/dailies.mov", destination: "share=projects/dailies/", status: "waiting" });
    await admin.waitFor("Transfer", big.id, { intervalMs: 10, timeoutMs: 5000, until: ["running"] });

    const run = await runExample(emu, "find-running-transfers");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Dailies (${big.id})`);
    expect(run.stdout).toMatch(/progress: \d+% of 1\.0 MiB at /);
    expect(run.stdout).toContain("owner:    admin@acme.test");
    expect(run.stdout).toMatch(/task 0: .*dailies\.mov -> .*dailies.* \[\w+\]/);
    expect(run.stdout).not.toContain(tiny.id);
    expect(run.stdout).toContain("1 running transfer(s), 1.0 MiB in total.");
  });

  it("deliver-files delivers a file on a share; the recipient's desktop app fetches it", async () => {
    const { emu, admin } = await emulatorWithAdmin();
    writeFileAt(join(await volumeDir(admin), "finals", "final.mov"), "final cut");

    const run = await runExample(emu, "deliver-files", ["standard@acme.test", "share=projects/finals/final.mov"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [, id] = /^Delivery .+ \(([0-9a-f]{24})\) submitted with 1 file\(s\) for standard@acme\.test\.$/m.exec(run.stdout) ?? expect.unreachable(run.stdout);
    expect(run.stdout).toMatch(/^Delivery .+ is waiting for its recipients: 9 bytes to fetch\.$/m);
    expect(run.stdout).toContain("  recipient standard@acme.test: not yet received\n");
    // The recipient fetches it from the desktop app: a transfer beneath the delivery.
    const standard = emu.users.find((u) => u.role === "standard") ?? expect.unreachable("no standard user");
    const recipient = await Session.connect({ workspace: emu.workspace, username: standard.username, apiKey: standard.apiKey, hostname: "127.0.0.1", port: emu.port, protocol: "http", env: {} });
    const fetch = await recipient.create("Job", { parent: String(id), status: "waiting" });
    await recipient.waitFor("Job", fetch.id, { intervalMs: 20, timeoutMs: 10_000 });
    expect(await admin.access("delivery", String(id))).toEqual([expect.objectContaining({ actioned: true })]);
    const laptop = (await admin.findOne(query`Client WHERE code=${"standard-laptop"}`)) ?? expect.unreachable("no standard-laptop");
    const sandbox = join(emu.dataDir, "clients", laptop.id);
    const received = readdirSync(sandbox, { recursive: true, encoding: "utf8" }).filter((path) => path.endsWith("final.mov"));
    expect(received).toHaveLength(1);
    expect(readFileSync(join(sandbox, String(received[0])), "utf8")).toBe("final cut");

    const missing = await runExample(emu, "deliver-files", ["standard@acme.test", "share=projects/finals/none.mov"]);
    expect(missing).toMatchObject({ code: 1, stdout: "", stderr: "error: share=projects/finals/none.mov does not exist\n" });
  });

  it("sync-folder-listing reports added, changed and removed files between runs", async () => {
    const { emu, admin } = await emulatorWithAdmin();
    const scans = join(await volumeDir(admin), "scans");
    writeFileAt(join(scans, "a.exr"), "aaaa");
    writeFileAt(join(scans, "sub", "b.exr"), "bb");
    const listing = join(workDir, "scans.json");

    const first = await runExample(emu, "sync-folder-listing", ["share=projects/scans", listing]);
    expect(first.code).toBe(0);
    expect(first.stdout.split("\n").filter((line) => /^[+~-] /.test(line))).toEqual(["+ a.exr (4 bytes)", "+ sub/b.exr (2 bytes)"]);
    expect(first.stdout).toContain("share=projects/scans: 2 file(s); 2 added, 0 changed, 0 removed.");
    expect(Object.keys(JSON.parse(readFileSync(listing, "utf8")) as object)).toEqual(["a.exr", "sub/b.exr"]);

    writeFileAt(join(scans, "a.exr"), "aaaaaaaa");
    unlinkSync(join(scans, "sub", "b.exr"));
    writeFileAt(join(scans, "c.exr"), "c");
    const second = await runExample(emu, "sync-folder-listing", ["share=projects/scans", listing]);
    expect(second.code).toBe(0);
    expect(second.stdout.split("\n").filter((line) => /^[+~-] /.test(line))).toEqual(["~ a.exr (4 bytes -> 8 bytes)", "+ c.exr (1 bytes)", "- sub/b.exr"]);
    expect(second.stdout).toContain("2 file(s); 1 added, 1 changed, 1 removed.");
  });

  it("manage-acls grants, lists and revokes a user's access to a folder", async () => {
    const { emu, admin } = await emulatorWithAdmin();
    await admin.mkdir("share=projects/trailer");
    const volume = (await admin.findOne("Volume WHERE code=projects")) ?? expect.unreachable("no volume");
    const folder = await admin.create("Folder", { name: "Trailer", parent: volume.id, path: "trailer" });
    const code = String(folder.code);

    const granted = await runExample(emu, "manage-acls", ["grant", code, "standard@acme.test", "--path=/"]);
    expect(granted.stderr).toBe("");
    expect(granted.code).toBe(0);
    expect(granted.stdout).toMatch(new RegExp(`^Granted standard@acme\\.test read-only access to ${code} from / \\(ACL [0-9a-f]{24}\\)\\.$`, "m"));
    expect(granted.stdout).toContain("standard@acme.test: read-only from /");
    const standardId = emu.users.find((u) => u.role === "standard")?.id ?? expect.unreachable("no standard user");
    expect(await admin.access("folder", folder.id)).toEqual([expect.objectContaining({ user: standardId, read: true, write: false, path: "/" })]);

    const again = await runExample(emu, "manage-acls", ["grant", code, "standard@acme.test", "--path=/"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`standard@acme.test already had an ACL on ${code}: the backend answered true instead of a new one.`);

    const listed = await runExample(emu, "manage-acls", ["list", code]);
    expect(listed).toMatchObject({ code: 0, stdout: `Access to folder ${code} (1 user(s)):\n  standard@acme.test: read-only from /\n` });

    const revoked = await runExample(emu, "manage-acls", ["revoke", code, "standard@acme.test"]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Access to folder ${code} (0 user(s)):`);
    expect(await admin.access("folder", folder.id)).toEqual([]);

    expect(await runExample(emu, "manage-acls", ["list", "no-such-share"])).toMatchObject({ code: 1, stderr: "error: no folder or volume has the code no-such-share\n" });
  });

  it("read-settings prints the settings in effect, marks changed ones and reads single settings", async () => {
    const { emu, admin } = await emulatorWithAdmin();
    await admin.setSetting("workspace", "max_transfers", "4");

    const all = await runExample(emu, "read-settings");
    expect(all.stderr).toBe("");
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("Settings of workspace acme (* = changed from the default):");
    expect(all.stdout).toMatch(/^\* max_transfers\s+4$/m);
    expect(all.stdout).toMatch(/^ {2}\w+\s+\S+/m);

    const named = await runExample(emu, "read-settings", ["max_transfers", "no_such_setting"]);
    expect(named).toMatchObject({ code: 0, stdout: "max_transfers = 4\nno_such_setting = (not set)\n" });
  });

  it("an example exits with status 1 and a message when it cannot log in", async () => {
    const { emu } = await emulatorWithAdmin();
    const run = await runExample(emu, "read-settings", [], "wrong-key");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^error: Invalid credentials/m);
  });
});
