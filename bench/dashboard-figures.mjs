#!/usr/bin/env node
/* global document -- the functions handed to page.waitForFunction/evaluate run in the browser */
// Measurement (not a test): the emulator's dashboard with 10,000 jobs, in Debian's Chromium.
//  - time from opening `#/jobs` to all 10,000 jobs listed (and the page's own "read in N ms");
//  - the emulator's CPU while the page stays open and idle, against the same span with no page;
//  - the page's weight, gzipped.
// The emulator runs in a child process so that only its own CPU is counted.
// Run after a build: `node bench/dashboard-figures.mjs [idle-seconds=30]` (ACCSYN_CHROMIUM=<path> to pick a browser).
import { fork } from "node:child_process";
import { accessSync, constants, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const COUNT = 10_000;
const STATUSES = ["done", "failed", "paused", "done", "aborted"];

if (process.argv[2] === "--serve") {
  const { startEmulator, DEMO_SEED } = await import("../packages/emulator/dist/index.js");
  const jobs = Array.from({ length: COUNT }, (_, i) => ({
    code: `shot-${String(i).padStart(5, "0")}`, status: STATUSES[i % STATUSES.length], tasks: [{ source: `share=projects/plates/shot-${i}.exr` }],
  }));
  const emu = await startEmulator({ port: 0, seed: { ...DEMO_SEED, jobs }, jobs: { run: false } });
  process.send({ url: emu.url });
  process.on("message", async (message) => {
    if (message === "cpu") process.send({ cpu: process.cpuUsage() });
    if (message === "stop") {
      await emu.stop();
      process.exit(0);
    }
  });
} else {
  const idleSeconds = Number(process.argv[2] ?? 30);
  const browserPath = [process.env.ACCSYN_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => {
    if (!p) return false;
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!browserPath) {
    console.error("No browser: set ACCSYN_CHROMIUM or `apt-get install -y chromium`.");
    process.exit(2);
  }
  const ui = fileURLToPath(new URL("../packages/emulator/dist/ui/", import.meta.url));
  const weights = readdirSync(ui).map((f) => [f, gzipSync(readFileSync(join(ui, f)), { level: 9 }).length]);
  console.log(`page weight gzipped: ${weights.map(([f, b]) => `${f} ${(b / 1024).toFixed(1)} kB`).join(", ")}; total ${(weights.reduce((s, [, b]) => s + b, 0) / 1024).toFixed(1)} kB`);

  const child = fork(fileURLToPath(import.meta.url), ["--serve"]);
  const next = () => new Promise((resolve) => child.once("message", resolve));
  const { url } = await next();
  const cpuOver = async (ms) => {
    child.send("cpu");
    const before = (await next()).cpu;
    await new Promise((resolve) => setTimeout(resolve, ms));
    child.send("cpu");
    const after = (await next()).cpu;
    return (after.user - before.user + after.system - before.system) / 1000;
  };

  const { default: puppeteer } = await import("puppeteer-core");
  const browser = await puppeteer.launch({ executablePath: browserPath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    const idleMs = idleSeconds * 1000;
    const without = await cpuOver(idleMs);
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 640 });
    const runs = [];
    for (let run = 0; run < 3; run++) {
      await page.goto("about:blank");
      const started = performance.now();
      await page.goto(`${url}/#/jobs`, { waitUntil: "domcontentloaded" });
      await page.waitForSelector("[data-job]", { timeout: 60_000 });
      const firstRows = performance.now() - started;
      await page.waitForFunction((n) => document.querySelector(".toolbar .muted")?.textContent?.startsWith(`${n} jobs · read in`), { timeout: 120_000, polling: 50 }, COUNT);
      const all = performance.now() - started;
      const pageSays = await page.evaluate(() => document.querySelector(".toolbar .muted")?.textContent ?? "");
      runs.push({ firstRows, all, pageSays });
      console.log(`run ${run + 1}: first rows after ${firstRows.toFixed(0)} ms, all ${COUNT} jobs listed after ${all.toFixed(0)} ms (page: "${pageSays}")`);
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`10,000 jobs: first rows ${median(runs.map((r) => r.firstRows)).toFixed(0)} ms, all listed ${median(runs.map((r) => r.all)).toFixed(0)} ms (median of ${runs.length})`);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // let the last reads settle
    const open = await cpuOver(idleMs);
    console.log(`emulator CPU over ${idleSeconds} s: ${without.toFixed(0)} ms with no page, ${open.toFixed(0)} ms with the jobs page open and idle (${((open / idleMs) * 100).toFixed(2)} % of one core)`);
  } finally {
    await browser.close();
    child.send("stop");
  }
}
