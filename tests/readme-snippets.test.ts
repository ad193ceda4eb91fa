/**
 * Every ```ts snippet of the READMEs (root and per package) type checks against the packages'
 * sources, strictly: each becomes a module in a temporary directory (given `session` and `email`
 * when the snippet uses them without declaring them) and `tsc --noEmit` checks them all. The root
 * README's `iterate` example then runs as written against the emulator's demo data and must
 * return results, its first transfer through the SDK runs as printed, and every `ACCSYN_*` variable
 * a README names is one the code reads.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { Session } from "@accsyn/api";
import { startEmulator } from "@accsyn/emulator";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));

interface Snippet {
  readme: string;
  index: number;
  code: string;
}

/** The ```ts blocks of the root README and of every package README. */
function snippets(): Snippet[] {
  const readmes = ["README.md", ...readdirSync(join(root, "packages")).map((name) => join("packages", name, "README.md"))];
  return readmes
    .filter((readme) => existsSync(join(root, readme)))
    .flatMap((readme) => [...readFileSync(join(root, readme), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({ readme, index, code: match[1]! })));
}

/** Placeholder values a snippet may use without declaring them (ids and e-mails are strings). */
const PLACEHOLDERS = ["email", "deliveryId", "jobId", "folderId", "userId"];

/** What a snippet may use without declaring it: a connected session of the full SDK, and the placeholders. */
function prelude(code: string): string {
  const lines = ["export {};"];
  const declares = (name: string) => new RegExp(`\\b(const|let)\\s+${name}\\b`).test(code);
  if (!declares("session")) lines.push('import type { Session as ReadmeSession } from "@accsyn/api";', "declare const session: ReadmeSession;");
  for (const name of PLACEHOLDERS) if (!declares(name)) lines.push(`declare const ${name}: string;`);
  if (!declares("signal")) lines.push("declare const signal: AbortSignal;");
  if (!declares("ids")) lines.push("declare const ids: string[];");
  return lines.join("\n");
}

let dir: string | undefined;
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("README snippets", () => {
  it("every ```ts block type checks strictly", async () => {
    const found = snippets();
    expect(found.length).toBeGreaterThanOrEqual(10);
    dir = mkdtempSync(join(tmpdir(), "accsyn-readme-snippets-"));
    const files = found.map((snippet) => {
      const name = `${snippet.readme.replace(/[/.]/g, "_")}_${snippet.index}.ts`;
      writeFileSync(join(dir!, name), `${prelude(snippet.code)}\n${snippet.code}`);
      return name;
    });
    const tsconfig = {
      extends: join(root, "tooling", "tsconfig", "base.json"),
      compilerOptions: {
        module: "ESNext",
        moduleResolution: "Bundler",
        noEmit: true,
        typeRoots: [join(root, "node_modules", "@types")],
        paths: { "@accsyn/*": [join(root, "packages", "*", "src", "index.ts")] },
      },
      files,
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const result = await run(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { cwd: dir }).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe("");
  }, 120_000);

  it("the root README's iterate example returns results on the emulator's demo data", async () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const call = /session\.iterate\("([^"]+)", (\{[^}]*\})\)/.exec(readme);
    expect(call, "the root README shows session.iterate(query, options)").not.toBeNull();
    const [, query, optionsText] = call!;
    const options = JSON.parse(optionsText!.replace(/(\w+):/g, '"$1":')) as Record<string, unknown>;
    const emu = await startEmulator({ port: 0 });
    const admin = emu.users.find((user) => user.role === "admin")!;
    const session = new Session({ workspace: emu.workspace, username: admin.username, apiKey: admin.apiKey, hostname: "127.0.0.1", port: emu.port, protocol: "http", env: {} });
    try {
      const names: unknown[] = [];
      for await (const transfer of session.iterate(query!, options)) names.push(transfer.name);
      expect(names.length).toBeGreaterThan(0);
    } finally {
      session.close();
      await emu.stop();
    }
  });
});

/** The ```ts block of the root README's "Your first transfer" section. */
function firstTransferSnippet(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = /^## Your first transfer\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? "";
  return /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
}

describe("the root README's first transfer through the SDK", () => {
  it("runs as printed against a fresh emulator (the README's port swapped for a free one): lists the plates and the transfer completes", async () => {
    const code = firstTransferSnippet();
    expect(code).toContain('hostname: "127.0.0.1", port: 8181, protocol: "http"');
    const emu = await startEmulator({ port: 0 });
    const cacheDir = join(root, "packages/core/node_modules/.cache");
    mkdirSync(cacheDir, { recursive: true });
    // Beside @accsyn/core's dependencies, so that `got`, `dotenv` and `proxy-agent` resolve; the SDK from its sources.
    const outDir = mkdtempSync(join(cacheDir, "accsyn-readme-"));
    try {
      await build({
        stdin: { contents: code.replace("port: 8181", `port: ${emu.port}`), resolveDir: root, loader: "ts", sourcefile: "first-transfer.ts" },
        outfile: join(outDir, "first-transfer.mjs"), bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "silent",
        external: ["got", "dotenv", "proxy-agent"],
        plugins: [{ name: "accsyn-sources", setup(b) {
          b.onResolve({ filter: /^@accsyn\/[a-z]+$/ }, (args) => ({ path: join(root, "packages", args.path.slice("@accsyn/".length), "src/index.ts") }));
        } }],
      });
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("ACCSYN_")));
      const { stdout } = await run(process.execPath, [join(outDir, "first-transfer.mjs")], { cwd: outDir, env, timeout: 60_000 });
      expect(stdout).toMatch(/sh020_plate\.1001\.exr/);
      expect(stdout).toMatch(/^done \S+ → \S*standard@acme\.test\b/m);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
      await emu.stop();
    }
  }, 90_000);
});

describe("documented environment variables", () => {
  it("every ACCSYN_* variable the READMEs name is one some code reads (outside comments and this file)", async () => {
    const docs = ["README.md", "examples/README.md", "conformance/README.md", "conformance/CONFORMANCE.md", ...readdirSync(join(root, "packages")).map((name) => join("packages", name, "README.md"))];
    const documented = new Set(docs.filter((doc) => existsSync(join(root, doc))).flatMap((doc) => readFileSync(join(root, doc), "utf8").match(/\bACCSYN_[A-Z_]+\b/g) ?? []));
    expect(documented).toContain("ACCSYN_HOSTNAME");
    const { stdout } = await run("git", ["ls-files", "*.ts", "*.mts", "*.mjs", "*.cjs", "*.js", "*.py", ".ci/*"], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    const self = "tests/readme-snippets.test.ts";
    const read = new Set<string>();
    for (const file of stdout.split("\n").filter((name) => name && name !== self && existsSync(join(root, name)))) {
      for (const line of readFileSync(join(root, file), "utf8").split("\n")) {
        if (/^\s*(\/\/|\*|\/\*|#)/.test(line)) continue;
        for (const name of line.match(/\bACCSYN_[A-Z_]+\b/g) ?? []) read.add(name);
      }
    }
    expect([...documented].filter((name) => !read.has(name))).toEqual([]);
  }, 60_000);
});
