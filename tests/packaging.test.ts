/**
 * The packages as users get them: packs every publishable package with `pnpm pack` (needs the built
 * dist/ — `pnpm test` builds first), installs the tarballs into a temporary project with npm (the
 * registry serves the third-party dependencies), then
 *   - runs a CommonJS script (`require("@accsyn/api")`) and an ES module script (`import … from
 *     "@accsyn/api"`) against a local test server,
 *   - type checks a consumer strictly with `tsc --noEmit` (module node16 as CJS and ESM, and
 *     moduleResolution bundler), with skipLibCheck off so the shipped .d.ts/.d.cts are checked too,
 *   - loads @accsyn/emulator and @accsyn/cli both ways, starts the packed emulator and answers
 *     `accsyn --version` through the installed bin.
 * A second, empty project installs only the packed CLI (and the libraries it depends on, which are
 * not on the registry yet) with --ignore-scripts, as `npm i -g @accsyn/cli` would: nothing native,
 * no emulator, a working `accsyn`, and `accsyn emulator` saying how to get the emulator. The
 * manifests are checked as consumers see them: no devDependencies, every `files` entry present,
 * and the pending changesets releasing every package first as 0.1.0.
 * A third empty project installs the CLI, the SDK and the emulator with --ignore-scripts and runs each:
 * on a Node with node:sqlite (≥ 22.13; the Node 24 leg of `pnpm test:matrix`) nothing is compiled and
 * the emulator serves; on Node 20 the emulator says what to do instead.
 * The fixtures live in tests/packaging/consumer/. Where Node has no node:sqlite (Node 20), better-sqlite3
 * (the emulator's optional native addon) is installed with scripts off and its compiled addon copied
 * from the workspace: compiling it with node-gyp would add minutes and proves nothing about our packages.
 */
import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeSqliteAvailable } from "../packages/emulator/src/store/sqlite-node.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const fixtures = join(root, "tests", "packaging", "consumer");
const PACKAGES = ["core", "entities", "files", "acl", "settings", "api", "emulator", "cli"] as const;
const INSTALL_TIMEOUT_MS = 240_000;
const STEP_TIMEOUT_MS = 120_000;

const manifest = (name: string): { name: string; version: string } =>
  JSON.parse(readFileSync(join(root, "packages", name, "package.json"), "utf8"));

let project: string;

/** Runs a command in the consumer project; rejects with its output when it exits non-zero. */
async function inProject(command: string, args: string[], env: Record<string, string> = {}) {
  try {
    return await run(command, args, { cwd: project, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/** Copies the workspace's compiled better-sqlite3 addon into the project (same version, same Node). */
function copyNativeAddon() {
  const store = join(root, "node_modules", ".pnpm");
  const wanted = JSON.parse(readFileSync(join(project, "node_modules", "better-sqlite3", "package.json"), "utf8")).version;
  const built = join(store, `better-sqlite3@${wanted}`, "node_modules", "better-sqlite3", "build");
  if (!existsSync(built)) throw new Error(`better-sqlite3@${wanted} is not built in the workspace (${built})`);
  cpSync(built, join(project, "node_modules", "better-sqlite3", "build"), { recursive: true });
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "accsyn-packaging-"));
  const tarballs: string[] = [];
  for (const name of PACKAGES) {
    const pkgDir = join(root, "packages", name);
    if (!existsSync(join(pkgDir, "dist"))) throw new Error(`packages/${name}/dist is missing: run \`pnpm build\` first`);
    const { stdout } = await run("pnpm", ["pack", "--json", "--pack-destination", join(project, "tarballs")], { cwd: pkgDir });
    tarballs.push(JSON.parse(stdout.slice(stdout.indexOf("{"))).filename);
  }
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "accsyn-consumer", private: true }));
  for (const file of readdirSync(fixtures)) cpSync(join(fixtures, file), join(project, file));
  await inProject("npm", ["install", ...tarballs, "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"]);
  if (!nodeSqliteAvailable()) copyNativeAddon();
}, INSTALL_TIMEOUT_MS);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe("installed from the packed tarballs", () => {
  let server: TestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer((request) =>
      request.path === "/api/v3/event"
        ? { body: { result: [{ id: "6335521b2380fbabbdefc019", code: "alice@acme.example", role: "admin", status: "enabled" }] } }
        : undefined,
    );
    const options = { workspace: "acme", username: "alice@acme.example", apiKey: "ak_public_3f9c2e", hostname: server.host, port: server.port, protocol: "http", retries: 0, env: {} };
    env = { ACCSYN_CONSUMER_OPTIONS: JSON.stringify(options) };
  });
  afterAll(() => server?.close());

  it("installs every package from its tarball, internal dependencies included", () => {
    for (const name of PACKAGES) {
      const installed = JSON.parse(readFileSync(join(project, "node_modules", "@accsyn", name, "package.json"), "utf8"));
      expect(installed.version).toBe(manifest(name).version);
      for (const range of Object.values<string>(installed.dependencies ?? {})) expect(range).not.toMatch(/^workspace:/);
    }
  });

  it.each([
    ["require.cjs", "cjs"],
    ["import.mjs", "esm"],
  ])("runs %s against a server", async (script, format) => {
    const before = server.events().length;
    const { stdout } = await inProject(process.execPath, [script], env);
    expect(JSON.parse(stdout)).toEqual({
      format,
      version: manifest("core").version,
      users: [{ id: "6335521b2380fbabbdefc019", code: "alice@acme.example", role: "admin", status: "enabled" }],
    });
    const sent = server.events().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.event).toMatchObject({ uri: "user/find", workspace: "acme" });
  }, STEP_TIMEOUT_MS);

  // Which declaration files TypeScript picked shows that each exports "types" condition points at the
  // right file: .d.cts for require (CommonJS), .d.ts for import (ESM and bundlers). @accsyn/api's
  // declarations import the other five packages, so each resolution mode reaches all six.
  const libraries = ["acl", "api", "core", "entities", "files", "settings"];
  const cjsTypes = libraries.map((name) => `node_modules/@accsyn/${name}/dist/index.d.cts`);
  const esmTypes = libraries.map((name) => `node_modules/@accsyn/${name}/dist/index.d.ts`);
  it.each([
    ["node16", { module: "node16", moduleResolution: "node16" }, ["consumer.cts", "consumer.mts"], [...cjsTypes, ...esmTypes]],
    ["bundler", { module: "esnext", moduleResolution: "bundler" }, ["consumer.mts"], esmTypes],
  ])("type checks strictly with module resolution %s", async (mode, resolution, files, declarations) => {
    const tsconfig = {
      compilerOptions: {
        ...resolution,
        target: "es2022",
        lib: ["es2023"],
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: false,
        noEmit: true,
        types: ["node"],
        typeRoots: [join(root, "node_modules", "@types")],
      },
      files,
    };
    writeFileSync(join(project, `tsconfig.${mode}.json`), JSON.stringify(tsconfig, null, 2));
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const { stdout } = await inProject(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`, "--listFiles"]);
    const used = stdout.split("\n").filter((file) => file.includes("node_modules/@accsyn/"));
    const relativeToProject = used.map((file) => file.slice(file.indexOf("node_modules/@accsyn/"))).sort();
    expect(relativeToProject).toEqual([...declarations].sort());
  }, STEP_TIMEOUT_MS);

  it("loads the emulator both ways and serves the packed API from it", async () => {
    const script = `
      const { startEmulator } = require("@accsyn/emulator");
      import("@accsyn/emulator").then(async (esm) => {
        if (typeof esm.startEmulator !== "function") throw new Error("the ES module build has no startEmulator");
        const emulator = await startEmulator({ port: 0 });
        const { Session } = require("@accsyn/api");
        const [user] = emulator.users;
        const url = new URL(emulator.url);
        const session = new Session({ workspace: emulator.workspace, username: user.username, apiKey: user.apiKey,
          hostname: url.hostname, port: Number(url.port), protocol: "http", env: {}, logger: { warn() {} } });
        const found = await session.find("user");
        session.close();
        await emulator.stop();
        console.log(found.length);
      });`;
    const { stdout } = await inProject(process.execPath, ["-e", script]);
    expect(Number(stdout.trim())).toBeGreaterThan(0);
  }, STEP_TIMEOUT_MS);

  it("runs the installed accsyn bin and loads the CLI both ways", async () => {
    const bin = join(project, "node_modules", ".bin", "accsyn");
    const { stdout } = await inProject(bin, ["--version"]);
    expect(stdout.trim()).toContain(manifest("cli").version);
    const loads = `const cjs = require("@accsyn/cli"); import("@accsyn/cli").then((esm) => console.log(typeof cjs.run, typeof esm.run));`;
    const { stdout: kinds } = await inProject(process.execPath, ["-e", loads]);
    expect(kinds.trim()).toBe("function function");
  }, STEP_TIMEOUT_MS);
});

describe("the CLI alone, installed into an empty folder", () => {
  const CLI_CLOSURE = ["core", "entities", "files", "acl", "settings", "api", "cli"];
  let folder: string;
  let install: { ms: number; output: string };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "accsyn-cli-only-"));
    writeFileSync(join(folder, "package.json"), JSON.stringify({ name: "cli-only", private: true }));
    const tarballs = readdirSync(join(project, "tarballs"))
      .filter((file) => CLI_CLOSURE.some((name) => file.startsWith(`accsyn-${name}-`)))
      .map((file) => join(project, "tarballs", file));
    expect(tarballs).toHaveLength(CLI_CLOSURE.length);
    const started = performance.now();
    const { stdout, stderr } = await run("npm", ["install", ...tarballs, "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: folder, maxBuffer: 16 << 20 });
    install = { ms: Math.round(performance.now() - started), output: `${stdout}${stderr}`.trim() };
    console.log(`npm install of the packed CLI into an empty folder (--ignore-scripts): ${install.ms} ms\n${install.output}`);
  }, INSTALL_TIMEOUT_MS);
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("installs nothing native and no emulator: no package has an install script", () => {
    const installed = readdirSync(join(folder, "node_modules"), { withFileTypes: true }).flatMap((entry) =>
      entry.name.startsWith("@") ? readdirSync(join(folder, "node_modules", entry.name)).map((name) => `${entry.name}/${name}`) : [entry.name],
    ).filter((name) => !name.startsWith("."));
    expect(installed).not.toContain("@accsyn/emulator");
    expect(installed).not.toContain("better-sqlite3");
    for (const name of installed) {
      const installedManifest = JSON.parse(readFileSync(join(folder, "node_modules", name, "package.json"), "utf8"));
      const scripts = Object.keys(installedManifest.scripts ?? {}).filter((script) => ["preinstall", "install", "postinstall"].includes(script));
      expect({ name, scripts, gypfile: installedManifest.gypfile ?? false }).toEqual({ name, scripts: [], gypfile: false });
    }
  });

  it("runs accsyn, and `accsyn emulator` says how to get the emulator", async () => {
    const bin = join(folder, "node_modules", ".bin", "accsyn");
    // As a user's shell runs it: without the NODE_PATH pnpm gives the test (it reaches the workspace's emulator).
    const { NODE_PATH: _workspacePath, ...env } = process.env;
    const { stdout } = await run(bin, ["--version"], { cwd: folder, env });
    expect(stdout.trim()).toBe(manifest("cli").version);
    const failed = await run(bin, ["emulator", "--port", "0"], { cwd: folder, env, timeout: 30_000 }).then(
      () => expect.unreachable("accsyn emulator should fail without the emulator"),
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain("npx @accsyn/emulator");
  }, STEP_TIMEOUT_MS);

  it("shows consumers no devDependencies, and every `files` entry exists", () => {
    for (const name of PACKAGES) {
      const installedPath = join(project, "node_modules", "@accsyn", name, "package.json");
      const installed = JSON.parse(readFileSync(installedPath, "utf8"));
      // better-sqlite3 is optional: only Node 20 (no node:sqlite) needs it.
      const optional = name === "emulator" ? { "better-sqlite3": expect.any(String) } : undefined;
      expect({ name, devDependencies: installed.devDependencies, optionalDependencies: installed.optionalDependencies }).toEqual({ name, devDependencies: undefined, optionalDependencies: optional });
      for (const entry of installed.files as string[]) expect(existsSync(join(root, "packages", name, entry)), `packages/${name}: files lists ${entry}`).toBe(true);
    }
  });

  it("releases every package first as 0.1.0 through the pending changesets", async () => {
    const output = join(folder, "changeset-status.json");
    await run("pnpm", ["exec", "changeset", "status", `--output=${output}`], { cwd: root });
    const releases = JSON.parse(readFileSync(output, "utf8")).releases as Array<{ name: string; newVersion: string }>;
    const published = new Set(PACKAGES.map((name) => `@accsyn/${name}`));
    const versions = Object.fromEntries(releases.filter((release) => published.has(release.name)).map((release) => [release.name, release.newVersion]));
    expect(versions).toEqual(Object.fromEntries(PACKAGES.map((name) => [`@accsyn/${name}`, "0.1.0"])));
  }, STEP_TIMEOUT_MS);
});

describe(`the CLI, the SDK and the emulator in an empty folder with --ignore-scripts (Node ${process.version})`, () => {
  let folder: string;
  let registry: string;
  const run24 = (command: string, args: string[], env: Record<string, string> = {}) =>
    run(command, args, { cwd: folder, env: { ...withoutWorkspacePath(), ...env }, maxBuffer: 16 << 20, timeout: STEP_TIMEOUT_MS });

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "accsyn-ignore-scripts-"));
    writeFileSync(join(folder, "package.json"), JSON.stringify({ name: "ignore-scripts", private: true }));
    const tarballs = readdirSync(join(project, "tarballs")).map((file) => join(project, "tarballs", file));
    registry = (await run("npm", ["config", "get", "registry"], { cwd: folder })).stdout.trim();
    const started = performance.now();
    // The lockfile records every package's source (this machine's npm config may leave registry ones out).
    const { stdout, stderr } = await run("npm", ["install", ...tarballs, "--ignore-scripts", "--no-audit", "--no-fund", "--omit-lockfile-registry-resolved=false"], { cwd: folder, maxBuffer: 16 << 20 });
    console.log(`npm install of the packed CLI, SDK and emulator into an empty folder (--ignore-scripts, Node ${process.version}): ` +
      `${Math.round(performance.now() - started)} ms\n${`${stdout}${stderr}`.trim()}`);
  }, INSTALL_TIMEOUT_MS);
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("downloads nothing beyond the registry and our tarballs", () => {
    const lock = JSON.parse(readFileSync(join(folder, "package-lock.json"), "utf8")) as { packages: Record<string, { resolved?: string }> };
    const sources = Object.entries(lock.packages).filter(([path]) => path !== "").map(([path, entry]) => [path, entry.resolved ?? ""] as const);
    const elsewhere = sources.filter(([, resolved]) => !resolved.startsWith(registry) && !resolved.startsWith("file:"));
    expect(sources.length).toBeGreaterThan(PACKAGES.length);
    expect(elsewhere).toEqual([]);
  });

  it.runIf(nodeSqliteAvailable())("compiles nothing: no native addon anywhere in node_modules", () => {
    const addons = (readdirSync(join(folder, "node_modules"), { recursive: true }) as string[]).filter((file) => file.endsWith(".node"));
    expect(addons).toEqual([]);
  });

  it.runIf(nodeSqliteAvailable())("serves the emulator, and the SDK and `accsyn find` read from it", async () => {
    const emulator = spawn(process.execPath, [join(folder, "node_modules", "@accsyn", "emulator", "dist", "bin.js"), "--port", "0"], { cwd: folder, env: withoutWorkspacePath() });
    try {
      const url = new URL(await firstLine(emulator, /listening on (\S+)/));
      const env = { ACCSYN_WORKSPACE: "acme", ACCSYN_API_USER: "admin@acme.test", ACCSYN_API_KEY: "demo-admin-key", ACCSYN_HOSTNAME: url.hostname, ACCSYN_PORT: url.port, ACCSYN_PROTOCOL: "http" };
      const sdk = `const { Session } = require("@accsyn/api");
        const session = new Session({ logger: { warn() {} } });
        session.find("user").then((users) => { session.close(); console.log(users.map((u) => u.code).sort().join(",")); });`;
      const { stdout: viaSdk } = await run24(process.execPath, ["-e", sdk], env);
      expect(viaSdk.trim().split(",")).toContain("admin@acme.test");
      const { stdout: viaCli } = await run24(join(folder, "node_modules", ".bin", "accsyn"), ["find", "user", "--json"], env);
      expect((JSON.parse(viaCli) as Array<{ code: string }>).map((user) => user.code)).toContain("admin@acme.test");
    } finally {
      emulator.kill("SIGTERM");
    }
  }, STEP_TIMEOUT_MS);

  it.skipIf(nodeSqliteAvailable())("on a Node without node:sqlite, the emulator says what to do instead of crashing", async () => {
    const failed = await run24(process.execPath, [join(folder, "node_modules", "@accsyn", "emulator", "dist", "bin.js"), "--port", "0"]).then(
      () => expect.unreachable("the emulator should refuse without SQLite"),
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/has no node:sqlite and better-sqlite3 did not load .*Use Node ≥ 22\.13, or install better-sqlite3 with its install script allowed/);
  }, STEP_TIMEOUT_MS);
});

/** The environment a user's shell has: without the NODE_PATH pnpm gives the test (it reaches the workspace). */
function withoutWorkspacePath(): NodeJS.ProcessEnv {
  const { NODE_PATH: _workspacePath, ...env } = process.env;
  return env;
}

/** Resolves with the first capture of `pattern` in a child's stdout; rejects when it exits first. */
function firstLine(child: ReturnType<typeof spawn>, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    let errors = "";
    child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`exited ${String(code)} before printing ${String(pattern)}:\n${seen}\n${errors}`)));
  });
}
