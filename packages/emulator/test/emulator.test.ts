import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../src/index.js";
import { authHeader, RawClient } from "./client.js";

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("startEmulator", () => {
  it("starts fast on a free port with the demo seed and stops cleanly", async () => {
    const t0 = Date.now();
    const emu = await startEmulator({ port: 0 });
    expect(Date.now() - t0).toBeLessThan(5_000); // typically ~100 ms; generous for a loaded 2-core machine
    expect(emu.port).toBeGreaterThan(0);
    expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
    expect(emu.workspace).toBe("acme");
    expect(existsSync(join(emu.dataDir, "volumes", "projects"))).toBe(true);
    expect(emu.users.map((u) => [u.username, u.role, u.apiKey])).toEqual([
      ["admin@acme.test", "admin", "demo-admin-key"],
      ["employee@acme.test", "employee", "demo-employee-key"],
      ["standard@acme.test", "standard", "demo-standard-key"],
    ]);
    await emu.stop();
    await expect(fetch(`${emu.url}/api/v3/api/login`, { method: "PUT" })).rejects.toThrow();
    expect(existsSync(emu.dataDir)).toBe(false);
  });

  it("loads a seed file and keeps state in --data across restarts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emu-test-"));
    dirs.push(dir);
    const seedFile = join(dir, "seed.json");
    writeFileSync(seedFile, JSON.stringify({ workspace: { code: "studio", name: "Studio" }, users: [{ code: "boss@studio.test", role: "admin", api_key: "demo-boss-key" }] }));
    const first = await startEmulator({ port: 0, seed: seedFile, dataDir: dir });
    expect(first.workspace).toBe("studio");
    const c = new RawClient(first, "boss@studio.test", "demo-boss-key");
    await c.login();
    await c.create("queue", { name: "Persisted" });
    await c.call("PUT", "setting", { entitytype: "workspace", name: "kept", value: "yes" });
    const queues = (await c.find("queue")).map((q) => q.code);
    expect(queues).toEqual(["studio", "persisted"]);
    await first.stop();
    const second = await startEmulator({ port: 0, dataDir: dir });
    const c2 = new RawClient(second, "boss@studio.test", "demo-boss-key");
    await c2.login();
    expect((await c2.find("queue")).map((q) => q.code)).toEqual(queues);
    expect((await c2.call("GET", "setting", { entitytype: "workspace", name: "kept" })).body).toEqual({ result: "yes" });
    await second.stop();
  });

  it("serves HTTPS with a certificate and answers its https port from the registry", async () => {
    const emu = await startEmulator({ port: 0, tls: { cert: fixture("tls-cert.pem"), key: readFileSync(fixture("tls-key.pem"), "utf8") } });
    expect(emu.url.startsWith("https://")).toBe(true);
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(`${emu.url}/api/v3/api/login`, {
        method: "PUT", ca: readFileSync(fixture("tls-cert.pem")), headers: { Authorization: authHeader("admin@acme.test", "demo-admin-key"), "X-Accsyn-Workspace": "acme" },
      }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve(text));
      });
      req.on("error", reject);
      req.end("{}");
    });
    expect(JSON.parse(body)).toMatchObject({ result: { role: "admin" } });
    await emu.stop();
  });
});

describe("startEmulator failures", () => {
  it("rejects a busy port and a bad seed file, and can start again afterwards", async () => {
    const first = await startEmulator({ port: 0 });
    await expect(startEmulator({ port: first.port })).rejects.toMatchObject({ code: "EADDRINUSE", message: `Port ${first.port} on 127.0.0.1 is already in use: stop what listens there, or pass --port 0 for a free port.` });
    const dir = mkdtempSync(join(tmpdir(), "emu-bad-"));
    dirs.push(dir);
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ users: [] }));
    await expect(startEmulator({ port: 0, seed: join(dir, "bad.json") })).rejects.toThrow(/workspace.code/);
    await first.stop();
    const again = await startEmulator({ port: first.port });
    await again.stop();
  });
});
