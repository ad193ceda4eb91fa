/**
 * Independence of the method groups: a program that imports only `@accsyn/core` and
 * `@accsyn/files` bundles without any code of `@accsyn/entities`, `@accsyn/acl` or
 * `@accsyn/settings`, and every group package depends on `@accsyn/core` only.
 */
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const source = (name: string) => `${root}packages/${name}/src/index.ts`;
const GROUPS = ["entities", "files", "acl", "settings"] as const;

const PROGRAM = `
import { Session } from "@accsyn/core";
import { files } from "@accsyn/files";
const FileSession = Session.plugin(files);
const session = new FileSession();
console.log(await session.ls("share=projects/TO_ACME"));
`;

/** Bundles a program the way a user's bundler would; returns the bundled inputs and the code. */
async function bundle(program: string): Promise<{ inputs: string[]; text: string }> {
  const result = await build({
    stdin: { contents: program, resolveDir: root, loader: "ts", sourcefile: "program.ts" },
    bundle: true,
    platform: "node",
    format: "esm",
    metafile: true,
    write: false,
    logLevel: "silent",
    alias: Object.fromEntries(["core", ...GROUPS].map((name) => [`@accsyn/${name}`, source(name)])),
    external: ["got", "dotenv", "proxy-agent", ...builtinModules, "node:*"],
  });
  return {
    inputs: Object.keys((result.metafile as Metafile).inputs),
    text: result.outputFiles.map((file) => file.text).join("\n"),
  };
}

let inputs: string[];
let bundleText: string;

beforeAll(async () => {
  ({ inputs, text: bundleText } = await bundle(PROGRAM));
});

describe("a core + files program", () => {
  it("bundles core and files", () => {
    expect(inputs.some((input) => input.startsWith("packages/core/src/"))).toBe(true);
    expect(inputs.some((input) => input.startsWith("packages/files/src/"))).toBe(true);
    expect(bundleText).toContain("workspace/file");
  });

  it("includes no file of entities, acl or settings", () => {
    const foreign = inputs.filter((input) => /^packages\/(entities|acl|settings)\//.test(input));
    expect(foreign).toEqual([]);
    for (const operation of ["acl/create", "job/recipient/add", "workspace/publish/preprocess", "user/api_key"]) {
      expect(bundleText).not.toContain(operation);
    }
  });
});

describe("the check itself", () => {
  it("sees a group when the program does import it", async () => {
    const withAcl = await bundle(`${PROGRAM}\nimport { acl } from "@accsyn/acl";\nconsole.log(Session.plugin(acl));\n`);
    expect(withAcl.inputs.some((input) => input.startsWith("packages/acl/src/"))).toBe(true);
    expect(withAcl.text).toContain("acl/create");
  });
});

describe("group packages", () => {
  for (const name of GROUPS) {
    it(`@accsyn/${name} depends on @accsyn/core only`, () => {
      const manifest = JSON.parse(readFileSync(`${root}packages/${name}/package.json`, "utf8")) as {
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      expect(Object.keys(manifest.dependencies ?? {})).toEqual(["@accsyn/core"]);
      expect(Object.keys(manifest.peerDependencies ?? {}).filter((dep) => dep !== "@accsyn/core")).toEqual([]);
    });
  }
});
