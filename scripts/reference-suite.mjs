#!/usr/bin/env node
/**
 * `pnpm test:reference`: runs the reference Python client's own integration suite (accsyn-python-api `tests/`,
 * unmodified) against the emulator, as its authors run it against the real service.
 *
 * Needs ACCSYN_PY_SRC (a checkout of accsyn-python-api) and python3 with `requests` and `pytest`. Starts the
 * emulator on 127.0.0.1:8181 (where the client's AS_DEV=true mode talks plain HTTP) with the workspace the suite
 * expects (scripts/lib/reference-workspace.mjs), writes `.env.admin|employee|standard` in a temporary working
 * directory with a copy of `tests/`, runs pytest with stdin closed (the suite's cleanup asks for ENTER when something
 * failed) and prints passed / failed / errors / skipped. Extra arguments go to pytest (e.g. `-k delivery`).
 *
 * Environment: ACCSYN_REFERENCE_TIMEOUT (seconds, default 900) ends a hung run; ACCSYN_REFERENCE_KEEP=1 keeps
 * the working directory; ACCSYN_REFERENCE_LOG=1 logs each emulator request to stderr.
 * Exits 0 when pytest ran (whatever the counts), 1 when it could not run, or timed out.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { envFile, SEED, USERS } from "./lib/reference-workspace.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const PORT = 8181;

/** Ends the run with a message saying what to do. */
function stop(message) {
  console.error(`test:reference: ${message}`);
  process.exit(1);
}

/** Checks ACCSYN_PY_SRC and the Python side; answers the checkout's path. */
function checkPrerequisites() {
  const src = process.env.ACCSYN_PY_SRC;
  if (!src) stop("set ACCSYN_PY_SRC to a checkout of https://github.com/accsyn/accsyn-python-api (it holds source/ and tests/)");
  const checkout = resolve(src);
  for (const part of ["source/accsyn_api/session.py", "tests/conftest.py"])
    if (!existsSync(join(checkout, part))) stop(`ACCSYN_PY_SRC=${src} is not an accsyn-python-api checkout: ${part} is missing`);
  const probe = spawnSync("python3", ["-c", "import importlib.util as u, json; print(json.dumps({m: u.find_spec(m) is not None for m in ['requests', 'pytest', 'pytest_order']}))"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) stop(`python3 is needed to run the suite (${probe.error?.message ?? probe.stderr.trim()})`);
  const found = JSON.parse(probe.stdout);
  const missing = ["requests", "pytest"].filter((m) => !found[m]);
  if (missing.length > 0) stop(`python3 lacks ${missing.join(" and ")}: pip install ${missing.join(" ")}`);
  return { checkout, pytestOrder: found.pytest_order };
}

/** The emulator's dist, built (only the emulator) when missing. */
async function loadEmulator() {
  const dist = join(root, "packages", "emulator", "dist", "index.js");
  if (!existsSync(dist)) {
    console.log("Building @accsyn/emulator …");
    const build = spawnSync("pnpm", ["turbo", "run", "build", "--filter=@accsyn/emulator", "--output-logs=errors-only"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) stop("building @accsyn/emulator failed");
  }
  return import(new URL(`file://${dist}`).href);
}

/** Copies the suite to a working directory with the `.env` files; answers its path. */
function prepareWorkdir(checkout) {
  const work = mkdtempSync(join(tmpdir(), "accsyn-reference-"));
  cpSync(join(checkout, "tests"), join(work, "tests"), { recursive: true });
  for (const role of Object.keys(USERS)) writeFileSync(join(work, `.env.${role}`), envFile(role), { mode: 0o600 });
  return work;
}

/** Runs pytest; answers its exit code (or "timeout") and the captured output. */
function runPytest(work, checkout, pytestOrder) {
  const args = ["-m", "pytest", "tests", "-rfEs", "-p", "no:cacheprovider", "-W", "ignore::pytest.PytestUnknownMarkWarning", ...(pytestOrder ? ["-p", "no:pytest_order"] : []), ...process.argv.slice(2)];
  const env = { ...process.env, AS_DEV: "true", PYTHONPATH: [join(checkout, "source"), process.env.PYTHONPATH].filter(Boolean).join(":") };
  delete env.ACCSYN_CREDENTIALS_PATH;
  const seconds = Number(process.env.ACCSYN_REFERENCE_TIMEOUT ?? 900);
  return new Promise((done) => {
    // stdin is /dev/null: the suite's `input()` prompts fail at once instead of waiting for ENTER.
    const child = spawn("python3", args, { cwd: work, env, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    const timer = setTimeout(() => {
      console.error(`\ntest:reference: no result after ${seconds} s, stopping pytest`);
      child.kill("SIGKILL");
      done({ code: "timeout", output });
    }, seconds * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/** The counts of pytest's final summary line (`== 3 failed, 19 passed, 2 errors in 12.3s ==`). */
function summaryCounts(output) {
  const counts = { passed: 0, failed: 0, errors: 0, skipped: 0 };
  const line = output.trimEnd().split("\n").reverse().find((l) => /^=+ .* in [\d.]+s/.test(l)) ?? "";
  for (const [, n, word] of line.matchAll(/(\d+) (passed|failed|errors?|skipped)/g)) counts[word === "error" ? "errors" : word] = Number(n);
  return { counts, line };
}

const { checkout, pytestOrder } = checkPrerequisites();
const { startEmulator } = await loadEmulator();
const work = prepareWorkdir(checkout);
let emulator;
try {
  emulator = await startEmulator({ port: PORT, seed: SEED, dataDir: join(work, "emulator"), log: process.env.ACCSYN_REFERENCE_LOG === "1" });
} catch (error) {
  rmSync(work, { recursive: true, force: true });
  if (error?.code === "EADDRINUSE") stop(`port ${PORT} is taken (the reference client's AS_DEV mode always uses it): stop what listens there and run again`);
  stop(`the emulator did not start: ${error?.message ?? error}`);
}
console.log(`Emulator on ${emulator.url} (workspace '${emulator.workspace}'); suite copied to ${work}`);
console.log(pytestOrder ? "pytest-order is installed but disabled: tests run in file order" : "pytest-order not installed: tests run in file order");
const interrupted = () => void emulator.stop().finally(() => process.exit(130));
process.once("SIGINT", interrupted);
const { code, output } = await runPytest(work, checkout, pytestOrder);
await emulator.stop();
const { counts, line } = summaryCounts(output);
console.log(`\nReference suite against the emulator: ${counts.passed} passed, ${counts.failed} failed, ${counts.errors} errors, ${counts.skipped} skipped`);
if (process.env.ACCSYN_REFERENCE_KEEP === "1") console.log(`Working directory kept: ${work}`);
else rmSync(work, { recursive: true, force: true });
if (code === "timeout" || line === "") stop(code === "timeout" ? "pytest timed out" : "pytest printed no summary (see its output above)");
