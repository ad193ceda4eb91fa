// One scenario in a fresh process (forked by run.mjs with --expose-gc): measures the SDK and its
// floors against the bench server and sends the raw samples back to the parent.
import { CREDENTIALS, LARGE_QUERY, SMALL_QUERY, createTasks } from "./fixtures.mjs";
import {
  gotClient,
  gotJson,
  keepAliveAgent,
  rawJson,
  lastRequestOf,
  rawRequest,
  replayHeaders,
  stringifyGzipBase64,
} from "./floors.mjs";
import { check, pool, repeat } from "./measure.mjs";
import { fanout } from "./fanout.mjs";
import { iterateMemory } from "./memory-iterate.mjs";
import { wan } from "./wan-client.mjs";

const task = JSON.parse(process.argv[2]);
const { port } = task;
const lastRequest = () => lastRequestOf(port);

async function sdk() {
  const { openSession } = await import("./sdk.mjs");
  return openSession(port);
}

/** Sequential or concurrent small calls: SDK, raw http, got alone; samples in ms per run. */
async function small({ calls, reps, inflight = 1, warmup }) {
  const { session, via } = await sdk();
  // the same SDK with a call-event listener on every event (what --timing or @accsyn/otel add)
  const { session: listened } = await sdk();
  let events = 0;
  for (const name of ["request", "response", "retry", "rateLimited", "error"]) listened.on?.(name, () => void (events += 1));
  const one = await session.findOne(SMALL_QUERY);
  check(one && one.created instanceof Date && one.code === "transfer-000042", "findOne answers the small transfer with dates decoded");
  const last = await lastRequest();
  check(last.url.includes("single_entity_query"), "findOne sends single_entity_query");
  const headers = replayHeaders(last.headers);
  const agent = keepAliveAgent();
  const gotAgent = keepAliveAgent();
  const client = await gotClient(port, gotAgent);
  const gotPath = last.url.slice("/api/v3/".length);
  const runners = {
    sdk: () => session.findOne(SMALL_QUERY),
    listened: () => listened.findOne(SMALL_QUERY),
    raw: () => rawJson(agent, port, last.url, headers),
    got: () => gotJson(client, gotPath, headers),
  };
  for (const run of Object.values(runners)) await pool(warmup, inflight, run);
  const batches = Object.fromEntries(Object.entries(runners).map(([name, run]) => [name, () => pool(calls, inflight, run)]));
  const { samples, cpu } = await repeat(reps, batches);
  check(!listened.on || events > 0, "the listener received call events");
  session.close();
  listened.close();
  agent.destroy();
  gotAgent.destroy();
  return { via, samples, cpu, urlLength: last.url.length };
}

/**
 * The sanity check of the large listing, in its own function: a suspended async function keeps its
 * locals alive, and a retained listing would make every later collection (the SDK's above all)
 * trace 100+ MB more.
 */
async function checkListing(session, count) {
  const first = await session.find(LARGE_QUERY);
  check(first.length === count && first[0].created instanceof Date && !String(first[0].user).startsWith("ObjectId:"), "find decodes the listing");
}

/**
 * One large `find` vs `JSON.parse` of the same bytes, raw fetch + parse, and the whole-text path:
 * raw fetch + core's `decodeAnswer` of the whole text (what the SDK did before it streamed).
 */
async function large({ reps, count }) {
  const { session, via } = await sdk();
  const { decodeAnswer } = await import("@accsyn/core");
  const agent = keepAliveAgent();
  await checkListing(session, count);
  const last = await lastRequest();
  const headers = replayHeaders(last.headers);
  const text = await rawRequest(agent, port, "GET", last.url, headers);
  JSON.parse(text);
  const runners = {
    sdk: () => session.find(LARGE_QUERY),
    parse: () => JSON.parse(text),
    raw: async () => JSON.parse(await rawRequest(agent, port, "GET", last.url, headers)),
    whole: async () => decodeAnswer(await rawRequest(agent, port, "GET", last.url, headers)),
  };
  const { samples, cpu } = await repeat(reps, runners);
  session.close();
  agent.destroy();
  return { via, samples, cpu, bytes: Buffer.byteLength(text) };
}

/** `create` with many tasks (gz_data) vs stringify + gzip + base64 of the same data. */
async function create({ reps, tasks: count }) {
  const { session, via } = await sdk();
  const tasks = createTasks(count);
  const data = { tasks };
  await session.create("transfer", data);
  const last = await lastRequest();
  check(last.method === "POST" && last.gzData, "create sends gz_data");
  const b64 = stringifyGzipBase64(data);
  const runners = { sdk: () => session.create("transfer", data), floor: () => stringifyGzipBase64(data) };
  const { samples, cpu } = await repeat(reps, runners);
  session.close();
  return { via, samples, cpu, bodyBytes: last.bodyBytes, gzBytes: b64.length, jsonBytes: Buffer.byteLength(JSON.stringify(data)) };
}

/** Peak RSS (MB) of one large find / one create, SDK or floor, in this fresh process. */
async function memory({ what, count, tasks: taskCount }) {
  let keep;
  if (what === "large-sdk") {
    const { session } = await sdk();
    keep = await session.find(LARGE_QUERY);
    session.close();
  } else if (what === "large-floor") {
    const agent = keepAliveAgent();
    const path = `/api/v3/event?${encodeURIComponent(LARGE_QUERY)}`;
    keep = JSON.parse(await rawRequest(agent, port, "GET", path, {}));
    agent.destroy();
  } else if (what === "create-sdk") {
    const { session } = await sdk();
    keep = await session.create("transfer", { tasks: createTasks(taskCount) });
    session.close();
  } else if (what === "create-floor") {
    const agent = keepAliveAgent();
    const body = JSON.stringify({ gz_data: stringifyGzipBase64({ tasks: createTasks(taskCount) }) });
    const auth = `basic ${Buffer.from(CREDENTIALS.username).toString("base64")}:${Buffer.from(CREDENTIALS.apiKey).toString("base64")}`;
    keep = await rawRequest(agent, port, "POST", "/api/v3/event", { "content-type": "application/json", authorization: auth }, body);
    agent.destroy();
  } else throw new Error(`unknown memory case ${what}`);
  check(keep !== undefined && count > 0, "memory case ran");
  return { what, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

const scenarios = { small, large, create, memory, wan, iterateMemory, fanout };
try {
  const result = await scenarios[task.scenario](task.params);
  process.send({ ok: true, result });
} catch (error) {
  process.send({ ok: false, error: error?.stack ?? String(error) });
}
process.disconnect();
