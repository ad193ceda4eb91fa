// Loads the BUILT SDK: `Session` of @accsyn/api when it carries the entity methods, else
// `Session.plugin(entities)` from the built @accsyn/entities, else @accsyn/core's `request` with
// the same events `find`/`findOne`/`create` send (so the harness runs while packages are missing).
import { CREDENTIALS } from "./fixtures.mjs";

const ENTITIES_DIST = new URL("../../packages/entities/dist/index.js", import.meta.url);

/** Session options for the bench server on `port` (HTTPS trusting `tls.ca` when given). */
export function sessionOptions(port, tls) {
  const protocol = tls ? { protocol: "https", ca: tls.ca } : { protocol: "http" };
  return { ...CREDENTIALS, hostname: "127.0.0.1", port, ...protocol, env: {} };
}

async function tryImport(specifier) {
  try {
    return await import(specifier);
  } catch {
    return undefined;
  }
}

/** Falls back to the event `findOne`/`find`/`create` send, through `session.request`. */
function coreMethods(session) {
  const split = (query) => {
    const match = /^\s*(\w+)(?:\s+where\s+(.*))?$/i.exec(query);
    return { type: match[1].toLowerCase(), expression: match[2] };
  };
  return {
    async find(query) {
      const { type, expression } = split(query);
      return (await session.request("GET", `${type}/find`, { data: {}, ...(expression ? { query: expression } : {}) })).result;
    },
    async findOne(query) {
      const { type, expression } = split(query);
      const answer = await session.request("GET", `${type}/find`, { data: { single_entity_query: true }, ...(expression ? { query: expression } : {}) });
      return Array.isArray(answer.result) ? (answer.result[0] ?? null) : (answer.result ?? null);
    },
    async create(type, data) {
      const answer = await session.request("POST", `${type}/create`, { data: { ...data } });
      return Array.isArray(answer.result) && answer.result.length === 1 ? answer.result[0] : answer.result;
    },
  };
}

/**
 * Creates a logged-in session against the bench server: `{ session, via }` where `session` has
 * `find`, `findOne`, `create` and `close` (and `iterate` when the entities package provides it), and `via` names the package that provided them.
 */
export async function openSession(port, tls) {
  const options = sessionOptions(port, tls);
  const api = await tryImport("@accsyn/api");
  if (api?.Session) {
    const session = new api.Session(options);
    if (typeof session.findOne === "function" && typeof session.create === "function") {
      await session.login();
      return { session, via: "@accsyn/api" };
    }
    session.close();
  }
  const core = await import("@accsyn/core");
  const entities = await tryImport(ENTITIES_DIST.href);
  if (entities?.entities) {
    const EntitySession = core.Session.plugin(entities.entities);
    const session = new EntitySession(options);
    await session.login();
    return { session, via: "@accsyn/entities" };
  }
  const session = new core.Session(options);
  await session.login();
  return { session: Object.assign(session, coreMethods(session)), via: "@accsyn/core request" };
}
