// The browser the dashboard row opens its page in: `ACCSYN_CHROMIUM`, else Debian's `chromium` (or
// another usual name) on PATH, driven by puppeteer-core — the same choice as tests/support/chromium.ts.
import { accessSync, constants, readdirSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";

const NAMES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];
const runnable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The browser's path, or `{ why }` when there is none. */
export function browserPath(env = process.env) {
  if (env.ACCSYN_CHROMIUM) return runnable(env.ACCSYN_CHROMIUM) ? { path: env.ACCSYN_CHROMIUM } : { why: `ACCSYN_CHROMIUM=${env.ACCSYN_CHROMIUM} is not executable` };
  const found = (env.PATH ?? "").split(delimiter).filter(Boolean).flatMap((dir) => NAMES.map((name) => join(dir, name))).find(runnable);
  return found ? { path: found } : { why: `no Chromium on PATH (apt-get install -y chromium) and ACCSYN_CHROMIUM is not set` };
}

/** Starts headless Chromium; resolves with the puppeteer `Browser`, or `{ why }` when it cannot. */
export async function launchBrowser() {
  const found = browserPath();
  if (!found.path) return { why: found.why };
  let puppeteer;
  try {
    puppeteer = (await import("puppeteer-core")).default;
  } catch {
    return { why: "puppeteer-core is not installed (pnpm install)" };
  }
  const browser = await puppeteer.launch({ executablePath: found.path, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  return { browser };
}

/** CPU time (ms, user + system) of process `pid` and all its descendants so far, from /proc (Linux); undefined elsewhere. */
export function treeCpuMs(pid) {
  try {
    const stats = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).flatMap((d) => {
      try {
        // fields after the command's closing parenthesis: state ppid … utime(14) stime(15), 1-based
        const after = readFileSync(`/proc/${d}/stat`, "utf8").split(") ").at(-1).split(" ");
        return [{ pid: Number(d), ppid: Number(after[1]), ticks: Number(after[11]) + Number(after[12]) }];
      } catch {
        return [];
      }
    });
    const tree = new Set([pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const s of stats) if (!tree.has(s.pid) && tree.has(s.ppid)) grew = tree.add(s.pid) !== undefined;
    }
    return (stats.filter((s) => tree.has(s.pid)).reduce((sum, s) => sum + s.ticks, 0) * 1000) / 100;
  } catch {
    return undefined;
  }
}
