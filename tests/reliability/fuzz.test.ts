/**
 * Fuzz: mutated vector events, random requests and hostile ones (fuzz-inputs.ts: over the limits, names of
 * Object.prototype at every lookup) over raw HTTP, with a live admin session and then a live `standard` session
 * (the role with the most refusals), against the emulator bin in a child process. It never crashes or hangs,
 * never answers 5xx (any 500 is a failure), always answers a JSON object, and a rejected request changes nothing
 * (every entity type and the workspace settings snapshotted through admin calls before and after; those calls
 * succeeding is the "next valid call"). Seeded fast-check: the fixed seed 20261128 and a fresh one per run (printed),
 * `ACCSYN_FUZZ_RUNS` inputs per seed (500 in CI; 70 % as admin, 30 % as standard); `SEED=<n>` replays one seed.
 */
import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "@accsyn/api";
import { bundleEmulatorBin, DEMO_USERS, type DemoRole, emulatorSessionOptions, removeBundle, startEmulatorProcess, type EmulatorProcess } from "../support/emulator-process.js";
import { reportFigures } from "../support/reliability-report.js";
import { propertySeeds } from "../support/seeds.js";
import { fuzzRequests, vectorEvents, type FuzzRequest } from "./fuzz-inputs.js";

const RUNS = Number(process.env.ACCSYN_FUZZ_RUNS ?? 500);
const SEEDS = propertySeeds("fuzz", [20261128]);
const ANSWER_TIMEOUT_MS = 10_000;

let bin = "";
let emu: EmulatorProcess;
let observer: Session;
/** The roles fuzzed, with their share of the inputs. */
const ROLES: ReadonlyArray<readonly [DemoRole, number]> = [["admin", 0.7], ["standard", 0.3]];

/** The Authorization header of a demo user. */
function authOf(role: DemoRole): string {
  const { username, apiKey } = DEMO_USERS[role];
  return `basic ${Buffer.from(username).toString("base64")}:${Buffer.from(apiKey).toString("base64")}`;
}

/** A live session id of a demo user, logged in over raw HTTP. */
async function login(role: DemoRole): Promise<string> {
  const answer = await fetch(`${emu.url}/api/v3/api/login`, { method: "PUT", headers: { Authorization: authOf(role), "X-Accsyn-Workspace": "acme" }, body: "{}" });
  return ((await answer.json()) as { result: { session_id: string } }).result.session_id;
}

interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Percent-encodes every byte outside the unreserved set (works for lone surrogates too). */
function percentEncode(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~/]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Sends one request on a fresh connection as `auth`; rejects when no answer comes within the timeout. */
function send(req: FuzzRequest, auth: string): Promise<RawAnswer> {
  const url = new URL(`${emu.url}/api/v3/event`);
  const body = req.carrier === "body" ? Buffer.from(req.text, "utf8") : undefined;
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      {
        host: url.hostname, port: url.port, method: req.method, agent: false,
        // "%zz" (from the garbage mutation) stays raw: malformed percent-encoding in the query string.
        path: req.carrier === "query" ? `${url.pathname}?${percentEncode(req.text).replace(/%25zz/g, "%zz")}` : url.pathname,
        headers: { Authorization: auth, "X-Accsyn-Workspace": "acme", "X-Accsyn-Device": "fuzz", ...(body ? { "Content-Length": body.length } : {}) },
        timeout: ANSWER_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    r.on("timeout", () => r.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`)));
    r.on("error", reject);
    r.end(body);
  });
}

const NON_JOB_TYPES = ["user", "workspace", "queue", "share", "site", "client", "acl", "engine"];
const JOB_TYPES = ["transfer", "compute", "delivery", "request", "stream"];

/** Ids of every entity an admin can find (jobs in every scope; others active and inactive, with `modified`), and the workspace settings. */
async function snapshot(): Promise<string> {
  const parts = await Promise.all([
    observer.getSettings({ entitytype: "workspace", omitDefaults: false }).then((all) => [`settings:${JSON.stringify(Object.entries(all).sort())}`]),
    ...NON_JOB_TYPES.flatMap((t) => [false, true].map(async (inactive) => {
      const list = await observer.find(t, { inactive });
      return list.map((e) => `${t}:${e.id}@${e.modified instanceof Date ? e.modified.getTime() : String(e.modified)}`);
    })),
    ...JOB_TYPES.flatMap((t) => [{}, { finished: true }, { archived: true }, { inactive: true }].map(async (scope) => {
      const list = await observer.find(t, scope);
      return list.map((e) => `${t}:${e.id}`);
    })),
  ]);
  return parts.flat().sort().join("\n");
}

beforeAll(async () => {
  bin = bundleEmulatorBin();
  emu = await startEmulatorProcess(bin, ["--rate", "0"]);
  observer = new Session(emulatorSessionOptions(emu.url, "admin"));
}, 60_000);
afterAll(async () => {
  observer?.close();
  await emu?.stop();
  removeBundle(bin);
});

describe("fuzz", () => {
  /** Figures summed over the seeds of this run, for the reliability report. */
  const total: Record<string, number> = {};
  for (const SEED of SEEDS) {
    it(`${RUNS} mutated and random events as admin and standard: no crash, no hang, always JSON, no state change when rejected (seed ${SEED})`, async () => {
      const bases = vectorEvents();
      expect(bases.length).toBeGreaterThan(100);
      const stats = { inputs: 0, inputsAdmin: 0, inputsStandard: 0, accepted: 0, rejected: 0, serverErrors: 0, crashes: 0, hangs: 0, nonJson: 0, stateChanges: 0 };
      const statuses = new Map<string, number>();
      let runsLeft = RUNS;
      for (const [index, [role, share]] of ROLES.entries()) {
        const runs = index === ROLES.length - 1 ? runsLeft : Math.round(RUNS * share);
        runsLeft -= runs;
        const auth = authOf(role);
        let before = await snapshot();
        let stale = false;

        await fc.assert(
          fc.asyncProperty(fuzzRequests(bases, await login(role)), async (req) => {
            if (stale) before = await snapshot();
            stats.inputs++;
            stats[role === "admin" ? "inputsAdmin" : "inputsStandard"]++;
            const answer = await send(req, auth).catch((err: Error) => {
              if (emu.alive()) stats.hangs++;
              else stats.crashes++;
              throw new Error(`${role}: ${req.method} ${req.text.slice(0, 200)}: ${err.message}; emulator ${emu.alive() ? "alive" : "dead"}\n${emu.stderr()}`);
            });
            const key = `${role} ${answer.status}`;
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
            let body: unknown;
            try {
              body = JSON.parse(answer.body);
            } catch {
              body = undefined;
            }
            if (!answer.contentType.startsWith("application/json") || typeof body !== "object" || body === null || Array.isArray(body)) {
              stats.nonJson++;
              throw new Error(`${role}: not a JSON object (${answer.status} ${answer.contentType}): ${answer.body.slice(0, 200)}`);
            }
            const rejected = answer.status !== 200 || "message" in body || "exception" in body;
            if (answer.status >= 500) {
              stats.serverErrors++;
              throw new Error(`${role}: ${answer.status} for ${req.method} ${req.text.slice(0, 300)}: ${answer.body.slice(0, 300)}`);
            }
            if (!rejected) {
              stats.accepted++;
              stale = true;
              return;
            }
            stats.rejected++;
            const after = await snapshot();
            if (after !== before) {
              stats.stateChanges++;
              throw new Error(`${role}: rejected ${req.method} ${req.text.slice(0, 300)} (${answer.body.slice(0, 200)}) changed the state`);
            }
            stale = false;
          }),
          { numRuns: runs, seed: SEED + index, endOnFailure: true },
        );
        expect(emu.alive()).toBe(true);
      }

      for (const [k, v] of Object.entries(stats)) total[k] = (total[k] ?? 0) + v;
      reportFigures("fuzz", { ...total });
      console.log(`fuzz (seed ${SEED}): ${stats.inputs} inputs (admin ${stats.inputsAdmin}, standard ${stats.inputsStandard}), ` +
        `${stats.accepted} accepted, ${stats.rejected} rejected, ${stats.serverErrors} 5xx answers, ${stats.crashes} crashes, ${stats.hangs} hangs, ${stats.nonJson} non-JSON answers, ${stats.stateChanges} state changes on rejection; ` +
        `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
      expect(stats.inputs).toBe(RUNS);
      expect(stats.serverErrors).toBe(0);
      expect(stats.stateChanges).toBe(0);
      expect([...statuses.keys()].filter((k) => k.startsWith("standard ")).length).toBeGreaterThan(1);
      expect(stats.rejected).toBeGreaterThan(0);
    }, Math.max(240_000, RUNS * 500));
  }
});
