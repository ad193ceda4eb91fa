/**
 * Every ```ts snippet of the READMEs (root and per package) type checks against the packages'
 * sources, strictly: each becomes a module in a temporary directory (given `session` and `email`
 * when the snippet uses them without declaring them) and `tsc --noEmit` checks them all. The root
 * README's `iterate` example then runs as written against the emulator's demo data and must
 * return results.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
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
