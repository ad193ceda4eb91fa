/**
 * The store's SQLite layer on each back-end this Node can load: node:sqlite (Node ≥ 22.13) and
 * better-sqlite3 (the optional native dependency, built for the workspace's Node). The same contract
 * runs against both; the matrix legs (`pnpm test:matrix`) cover the back-end the machine's Node lacks.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { Db } from "../src/store/db.js";
import { openSqlite, sqliteBackend, SQLITE_BACKEND_ENV, type SqliteBackend } from "../src/store/open-sqlite.js";
import { nodeSqliteAvailable } from "../src/store/sqlite-node.js";

function loads(backend: SqliteBackend): boolean {
  try {
    openSqlite(undefined, backend).close();
    return true;
  } catch {
    return false;
  }
}

const BACKENDS = (["node:sqlite", "better-sqlite3"] as const).filter(loads);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "emu-sqlite-"));
  dirs.push(dir);
  return join(dir, "emulator.db");
};

it(`runs on at least one back-end here (Node ${process.version}): ${BACKENDS.join(", ") || "none"}`, () => {
  console.log(`SQLite back-ends loadable on Node ${process.version}: ${BACKENDS.join(", ")}; default ${sqliteBackend()}`);
  expect(BACKENDS.length).toBeGreaterThan(0);
  expect(BACKENDS).toContain(sqliteBackend());
});

describe.each(BACKENDS)("Db on %s", (backend) => {
  it("writes, reads back in creation order, updates in place and deletes", () => {
    const db = new Db(undefined, backend);
    expect(db.isEmpty()).toBe(true);
    db.put("user", { id: "u1", code: "a@x" });
    db.put("queue", { id: "q1", code: "q" });
    db.put("user", { id: "u2", code: "b@x" });
    db.put("user", { id: "u1", code: "a2@x" });
    expect(db.idsOf("user")).toEqual(["u1", "u2"]);
    expect(db.entity("u1")).toEqual({ kind: "user", entity: { id: "u1", code: "a2@x" } });
    db.remove("u2");
    expect(db.entity("u2")).toBeUndefined();
    expect(db.loadEntities().map((row) => row.entity.id)).toEqual(["u1", "q1"]);
    db.setting("workspace:", "a", "1");
    db.setting("workspace:", "b", "2");
    db.setting("workspace:", "a", undefined);
    expect(db.loadSettings()).toEqual([{ scope: "workspace:", name: "b", value: "2" }]);
    expect(db.isEmpty()).toBe(false);
    db.close();
  });

  it("rolls back a failed transaction, and only the inner part of a failed nested one", () => {
    const db = new Db(undefined, backend);
    expect(() => db.transaction(() => {
      db.put("user", { id: "u1" });
      throw new Error("refused");
    })).toThrow("refused");
    expect(db.isEmpty()).toBe(true);
    const kept = db.transaction(() => {
      db.put("user", { id: "u2" });
      expect(() => db.transaction(() => {
        db.put("user", { id: "u3" });
        throw new Error("inner");
      })).toThrow("inner");
      db.put("user", { id: "u4" });
      return "done";
    });
    expect(kept).toBe("done");
    expect(db.idsOf("user")).toEqual(["u2", "u4"]);
    db.close();
  });

  it("keeps every committed write in the file across a reopen", () => {
    const file = tempFile();
    const db = new Db(file, backend);
    db.transaction(() => {
      for (let i = 0; i < 50; i++) db.put("queue", { id: `q${i}`, code: `q${i}` });
    });
    db.setting("user:u1", "theme", "dark");
    db.close();
    const again = new Db(file, backend);
    expect(again.idsOf("queue")).toHaveLength(50);
    expect(again.loadSettings()).toEqual([{ scope: "user:u1", name: "theme", value: "dark" }]);
    again.close();
  });
});

describe("choosing the back-end", () => {
  it(`honours ${SQLITE_BACKEND_ENV} and refuses an unknown value with what to use`, () => {
    expect(sqliteBackend({ [SQLITE_BACKEND_ENV]: "better-sqlite3" })).toBe("better-sqlite3");
    expect(sqliteBackend({ [SQLITE_BACKEND_ENV]: "node:sqlite" })).toBe("node:sqlite");
    expect(sqliteBackend({})).toBe(nodeSqliteAvailable() ? "node:sqlite" : "better-sqlite3");
    expect(() => sqliteBackend({ [SQLITE_BACKEND_ENV]: "mysql" })).toThrow(`${SQLITE_BACKEND_ENV}=mysql: use "node:sqlite" or "better-sqlite3"`);
  });

  it.skipIf(nodeSqliteAvailable())("says which Node to use when node:sqlite is asked for and missing", () => {
    expect(() => openSqlite(undefined, "node:sqlite")).toThrow(/node:sqlite is not available in Node v20\.\d+\.\d+: use Node ≥ 22\.13/);
  });

  // A fresh process: Node prints the SQLite ExperimentalWarning once, when node:sqlite first loads.
  it.runIf(nodeSqliteAvailable())("drops only node:sqlite's ExperimentalWarning; other warnings still print", () => {
    const pkg = fileURLToPath(new URL("..", import.meta.url));
    const bundle = join(pkg, "node_modules", ".cache", "emulator-test", "open-sqlite.mjs");
    mkdirSync(join(bundle, ".."), { recursive: true });
    const esbuild = join(pkg, "..", "..", "node_modules", ".bin", "esbuild");
    execFileSync(esbuild, ["src/store/open-sqlite.ts", "--bundle", "--platform=node", "--format=esm", "--external:better-sqlite3", `--outfile=${bundle}`, "--log-level=warning"], { cwd: pkg });
    const script = `const { openSqlite } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
      openSqlite(undefined, "node:sqlite").close();
      process.emitWarning("another experiment", "ExperimentalWarning");`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.status, child.stderr).toBe(0);
    expect(child.stderr).toContain("ExperimentalWarning: another experiment");
    expect(child.stderr).not.toContain("SQLite is an experimental feature");
  });
});
