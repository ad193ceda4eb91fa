// The "wan" client scenario (run in a fresh process by client.mjs): the SDK and its round-trip
// floor — a raw keep-alive `http`/`https` request of the same URL and headers — through the delay
// relay, sequential small calls, calls in flight, and one large listing.
import { LARGE_QUERY, SMALL_QUERY } from "./fixtures.mjs";
import { keepAliveAgent, lastRequestOf, rawJson, rawRequest, replayHeaders } from "./floors.mjs";
import { check, pool, repeat } from "./measure.mjs";

/** The request `send` makes, as the server saw it: URL and headers to replay. */
async function recorded(serverPort, send) {
  await send();
  const last = await lastRequestOf(serverPort);
  return { url: last.url, headers: replayHeaders(last.headers) };
}

/**
 * `relayPort`: the relay in front of the server; `serverPort`: the server itself (for `/__last`);
 * `tls`: `{ ca }` for HTTPS. Connections are opened (warm-up) before timing: keep-alive steady state.
 */
export async function wan({ relayPort, serverPort, tls, sequential, concurrent, large }) {
  const { openSession } = await import("./sdk.mjs");
  const { session, via } = await openSession(relayPort, tls);
  const agent = keepAliveAgent(tls);
  const result = { via };
  try {
    const one = await session.findOne(SMALL_QUERY);
    check(one?.code === "transfer-000042" && one.created instanceof Date, "findOne answers through the relay");
    const small = await recorded(serverPort, () => session.findOne(SMALL_QUERY));
    const runners = {
      sdk: () => session.findOne(SMALL_QUERY),
      raw: () => rawJson(agent, relayPort, small.url, small.headers),
    };
    // Calls in flight first, right after the warm-up opened their connections (idle ones close after 4 s).
    for (const run of Object.values(runners)) await pool(concurrent.inflight, concurrent.inflight, run);
    const batch = (calls, inflight) =>
      Object.fromEntries(Object.entries(runners).map(([name, run]) => [name, () => pool(calls, inflight, run)]));
    result.concurrent = await repeat(concurrent.reps, batch(concurrent.calls, concurrent.inflight));
    result.sequential = await repeat(sequential.reps, batch(sequential.calls, 1));
    if (large) {
      const listing = await recorded(serverPort, async () => {
        check((await session.find(LARGE_QUERY)).length === large.count, "find answers the listing through the relay");
      });
      result.large = await repeat(large.reps, {
        sdk: () => session.find(LARGE_QUERY),
        raw: async () => JSON.parse(await rawRequest(agent, relayPort, "GET", listing.url, listing.headers)),
      });
    }
  } finally {
    session.close();
    agent.destroy();
  }
  return result;
}
