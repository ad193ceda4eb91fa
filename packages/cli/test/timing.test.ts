/** `--timing`: a per-call summary on stderr from the session's call events; stdout keeps only the results. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type CliHarness } from "./helpers.js";

let cli: CliHarness;
let limited: CliHarness;
beforeAll(async () => {
  cli = await startHarness("admin");
  // one token, refilled every 2 s: a command's login passes and its next call (sent well within 2 s) waits out a 429
  limited = await startHarness("admin", { rateLimit: { requestsPerSecond: 0.5, burst: 1 } });
}, 180_000);
afterAll(async () => {
  await cli?.stop();
  await limited?.stop();
});

const SECONDS = String.raw`\d+(\.\d+)? s`;

describe("--timing", () => {
  it("prints one line per call and the totals on stderr, and nothing on stdout", async () => {
    const { code, stdout, stderr } = await cli.run(["find", "user", "--json", "--timing"]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as unknown[]).length).toBe(3);
    expect(stdout).not.toContain("timing");
    expect(stderr).toMatch(/^timing: 2 call\(s\), .* in calls of .* in all, 0 retries, \d+ B out, \d+(\.\d)? (B|KiB) in$/m);
    expect(stderr).toMatch(/^ {2}PUT {4}api\/login {2}200 +\d+ ms +2 B out +\d+ B in$/m);
    expect(stderr).toMatch(/^ {2}GET {4}user\/find {2}200 +\d+(\.\d+)? m?s/m);
    for (const form of [cli.keyOf("admin"), Buffer.from(cli.keyOf("admin")).toString("base64")]) expect(stderr).not.toContain(form);
  }, 30_000);

  it("prints nothing without --timing", async () => {
    const { code, stderr } = await cli.run(["find", "user", "--json"]);
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/timing|api\/login/);
  }, 30_000);

  it("shows the attempts and the 429 wait of a call that was rate limited", async () => {
    const { code, stderr } = await limited.run(["find", "queue", "--json", "--timing"]);
    console.log(stderr);
    expect(code).toBe(0);
    expect(stderr).toMatch(new RegExp(String.raw`^ {2}GET {4}queue/find +200 .*2 attempts, waited ${SECONDS} \(${SECONDS} for 429\)$`, "m"));
    expect(stderr).toMatch(new RegExp(String.raw`, 1 retry, ${SECONDS} waiting out 429, `));
  }, 30_000);

  it("shows a failed call's status and error class", async () => {
    const { code, stderr } = await cli.run(["create", "user", '{"code": "admin@acme.test", "name": "Ada again"}', "--timing"]);
    console.log(stderr);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/^ {2}POST {3}user\/create +\d{3} Accsyn\w*Error +\d+ ms/m);
  }, 30_000);
});
