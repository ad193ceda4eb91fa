/**
 * A newcomer's first hour (issue 23): the root README's first transfer, as printed, against a fresh
 * emulator with the demo seed; and the rough edges met on the way — a malformed query, `revoke` of
 * a folder by its code, and what `create --help` says a transfer needs.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, harnessForFile } from "./helpers.js";

const harness = harnessForFile("admin");

type Entity = Record<string, unknown> & { id: string };

/** The shell lines of the README's "Your first transfer" section that set credentials or run `pnpm accsyn`. */
function firstTransferLines(): string[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = /^## Your first transfer\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? "";
  return section.split("\n").filter((line) => line.startsWith("export ACCSYN_") || line.startsWith("pnpm accsyn "));
}

describe("the README's first transfer", () => {
  it("works as printed on a fresh emulator: ls, getsize, a transfer and a delivery of the demo files", async () => {
    const lines = firstTransferLines();
    expect(lines.filter((line) => line.startsWith("pnpm accsyn ")).length).toBeGreaterThanOrEqual(4);
    // `pnpm accsyn` is this build's bin; the README's port is the emulator's default, here a free one.
    const script = lines.map((line) => line.replace(/^pnpm accsyn /, `"${process.execPath}" "${BIN}" `).replace("--port 8181", `--port ${harness().port}`)).join("\n");
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(ACCSYN_|AS_DEV|NO_COLOR|FORCE_COLOR)/.test(name)));
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile("sh", ["-e", "-c", script], { cwd: harness().cwd, env, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }));
    });
    expect(result.stderr).not.toMatch(/^accsyn: /m);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("file\tsh010/sh010_plate.1001.exr\t48.0 KiB");
    expect(result.stdout).toMatch(/^[\d.]+ KiB\t\d+ bytes\tshare=projects$/m);
    expect(result.stdout).toMatch(/^The transfer [0-9a-f]{24} is done\.$/m);
    expect(result.stdout).toMatch(/^Created delivery [0-9a-f]{24}$/m);
    const deliveries = await harness().json<Entity[]>(["find", "delivery"]);
    expect(deliveries.find((delivery) => delivery.name === "Trailer v001")).toMatchObject({ size: 256 * 1024 });
  }, 90_000);
});

describe("a malformed query", () => {
  it("exits with the usage code and points at the position in the whole query typed", async () => {
    const { code, stdout, stderr } = await harness().run(["find", "transfer WHERE status="]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe('accsyn: Query syntax error at position 22 (end of query): expected a value — in "transfer WHERE status=" (positions count from 0).\n');
  });

  it("counts from the start of the expression in the official CLI's form, where only the expression is typed", async () => {
    const { code, stderr } = await harness().run(["transfer", "find", "status=running", "AND", "(code=x"]);
    expect(code).toBe(2);
    expect(stderr).toBe('accsyn: Query syntax error at position 26 (end of query): expected \')\' — in "status=running AND (code=x" (positions count from 0).\n');
  });

  it("find-one says the same", async () => {
    const { code, stderr } = await harness().run(["find-one", "user  WHERE  code=x AND"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^accsyn: Query syntax error at position 23 /);
  });
});

describe("revoke by a folder's code", () => {
  it("accepts the code that grant and access accept, and says when there is nothing to revoke", async () => {
    await harness().json<Entity>(["create", "folder", '{"name": "Plates", "parent": "projects", "path": "plates"}']);
    expect((await harness().run(["grant", "user", "standard@acme.test", "folder", "plates"])).code).toBe(0);
    expect(JSON.stringify(await harness().json(["access", "folder", "plates"]))).toContain("standard@acme.test");

    const revoked = await harness().run(["revoke", "user", "standard@acme.test", "folder", "plates"]);
    expect(revoked.stderr).toBe("");
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toBe("Revoked user standard@acme.test's access to folder plates\n");
    expect(JSON.stringify(await harness().json(["access", "folder", "plates"]))).not.toContain("standard@acme.test");

    const again = await harness().run(["revoke", "user", "standard@acme.test", "folder", "plates"]);
    expect(again.code).toBe(5);
    expect(again.stderr).toBe("accsyn: user standard@acme.test has no access to folder plates: nothing to revoke. See who has access with: accsyn access folder plates\n");
    const unknown = await harness().run(["revoke", "user", "standard@acme.test", "folder", "no-such-folder"]);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toBe("accsyn: No folder found with code 'no-such-folder'! Check the code, or give the folder's id.\n");
  }, 90_000);
});

describe("create --help", () => {
  it("shows a transfer's JSON with source and destination", async () => {
    const { code, stdout } = await harness().run(["create", "--help"], { noConnection: true });
    expect(code).toBe(0);
    expect(stdout).toContain(`{"source": "share=projects/plates/sh010", "destination": "lisa@example.com:/incoming/"}`);
    expect(stdout).toMatch(/"tasks": \[\{"source": .*"destination": /);
    expect(stdout).toMatch(/a party is a user's e-mail/);
    expect(stdout).toMatch(/"recipients": \["lisa@example\.com"\]\}\n$/);
  });
});
