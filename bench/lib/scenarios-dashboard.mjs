// The emulator's dashboard must not slow it (issue 26): the same fan-out of small SDK calls against
// one emulator (its own process, dashboard on, rate limit off), without any page open and with the
// dashboard open in headless Chromium and left idle (nobody clicks; it receives every request's
// event over /ui/live and renders it, as it does on a developer's screen). Interleaved, a fresh page
// per "with" sample, so both see the same machine. Goal: calls/s with ≥ 0.9× without.
import { launchBrowser, treeCpuMs } from "./browser.mjs";
import { startEmulatorChild } from "./emulator-child.mjs";
import { addRow } from "./goals.mjs";
import { row, skippedRow } from "./report.mjs";

const CALLS = 3_000;
const IN_FLIGHT = 32;
/** The dashboard page left open: the one that changes with every call. */
const PAGE = "requests";

/** Opens the dashboard and waits until it is live (its event stream connected); resolves with the page. */
async function openDashboard(browser, url) {
  const page = await browser.newPage();
  await page.goto(`${url}/#/${PAGE}`, { waitUntil: "domcontentloaded" });
  await page.waitForSelector(".live.on", { timeout: 60_000 });
  await new Promise((done) => setTimeout(done, 500));
  return page;
}

/** Milliseconds the page's main thread spent in tasks so far. */
const taskMs = async (page) => ((await page.metrics()).TaskDuration ?? 0) * 1000;

async function dashboard(ctx) {
  const reps = ctx.plan.dashboard?.reps;
  const label = `dashboard: ${CALLS} calls @${IN_FLIGHT}, page open and idle`;
  if (!reps) return void addRow(ctx, skippedRow(label, "quick run"), "dashboard-idle");
  const launched = await launchBrowser();
  if (!launched.browser) return void addRow(ctx, skippedRow(label, launched.why), "dashboard-idle");
  const emu = await startEmulatorChild({});
  const samples = { without: [], with: [], emulatorCpuWithout: [], emulatorCpuWith: [], browserCpuMs: [], pageTaskMs: [] };
  const browserPid = launched.browser.process()?.pid;
  try {
    const params = { port: emu.port, workspace: emu.workspace, username: emu.username, apiKey: emu.apiKey, calls: CALLS, inflight: IN_FLIGHT };
    /** One fan-out: its calls/s, and the emulator's CPU per call (µs). */
    const run = async () => {
      await emu.since();
      const result = await ctx.runClient("fanout", emu.port, params);
      if (result.failures) throw new Error(`${result.failures} calls failed: ${result.errors.join(" | ")}`);
      return { callsPerSecond: (CALLS / result.ms) * 1000, emulatorCpuUs: ((await emu.since()).cpuMs * 1000) / CALLS };
    };
    await run(); // warm-up: JIT of both processes, the emulator's caches
    for (let rep = 0; rep < reps; rep++) {
      for (const open of rep % 2 ? [true, false] : [false, true]) {
        if (!open) {
          const took = await run();
          samples.without.push(took.callsPerSecond);
          samples.emulatorCpuWithout.push(took.emulatorCpuUs);
          continue;
        }
        const page = await openDashboard(launched.browser, emu.url);
        const before = { task: await taskMs(page), cpu: treeCpuMs(browserPid) };
        const took = await run();
        samples.with.push(took.callsPerSecond);
        samples.emulatorCpuWith.push(took.emulatorCpuUs);
        samples.pageTaskMs.push((await taskMs(page)) - before.task);
        if (before.cpu !== undefined) samples.browserCpuMs.push(treeCpuMs(browserPid) - before.cpu);
        // sanity: the page was live, it shows (at least) every call of the fan-out
        const shown = await page.waitForFunction((n) => Number(globalThis.document.querySelector("[role=grid]")?.getAttribute("aria-rowcount")) >= n, { timeout: 15_000 }, CALLS).catch(() => undefined);
        if (!shown) throw new Error(`the dashboard's requests page did not show the ${CALLS} calls: it was not live`);
        await page.close();
      }
    }
  } finally {
    await launched.browser.close();
    await emu.stop();
  }
  ctx.raw.dashboard = samples;
  const idle = addRow(ctx, row({ scenario: `${label} vs none open`, unit: "calls/s", values: samples.with, floor: samples.without, goal: 1 / 0.9, higherIsBetter: true }), "dashboard-idle");
  idle.goalText = "≤1.11×";
  addRow(ctx, row({ scenario: "  dashboard: the same, no page open", unit: "calls/s", values: samples.without }));
  addRow(ctx, row({ scenario: "  dashboard: emulator CPU per call, page open vs none", unit: "cpu µs", values: samples.emulatorCpuWith, floor: samples.emulatorCpuWithout }));
  addRow(ctx, row({ scenario: "  dashboard: the page's main-thread tasks during the fan-out", unit: "ms", values: samples.pageTaskMs }));
  if (samples.browserCpuMs.length) addRow(ctx, row({ scenario: "  dashboard: Chromium's CPU (all its processes) during the fan-out", unit: "cpu ms", values: samples.browserCpuMs }));
}

/** The dashboard scenario by name. */
export const dashboardScenarios = { dashboard };
