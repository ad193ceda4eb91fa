/**
 * A session with the entity methods against a real local test server.
 */
import { Session } from "@accsyn/core";
import { entities } from "@accsyn/entities";
import { sessionOptions, startTestServer, type Handler, type RecordedRequest, type TestServer } from "../../../tests/support/test-server.js";

/** The session class the tests use. */
export const EntitySession = Session.plugin(entities);

/** A running server, a session against it, and what was sent and logged. */
export interface Harness {
  server: TestServer;
  session: InstanceType<typeof EntitySession>;
  warnings: string[];
  /** The events sent, reduced to what an operation decides: method, uri, data, query, id (present keys only). */
  sent(): Array<Record<string, unknown>>;
}

/** What an event carries besides the envelope. */
function essentials(request: RecordedRequest): Record<string, unknown> {
  const event = request.event as Record<string, unknown>;
  const out: Record<string, unknown> = { method: request.method, uri: event.uri };
  for (const key of ["data", "query", "id"]) if (key in event) out[key] = event[key];
  return out;
}

/** Starts a server answering with `handler` (events only; logins are answered by the server); `extra` adds session options. */
export async function harness(handler: Handler, extra: Record<string, unknown> = {}): Promise<Harness> {
  const server = await startTestServer((request) => (request.path === "/api/v3/event" ? handler(request) : undefined));
  const { options, warnings } = sessionOptions(server, extra);
  const session = new EntitySession(options);
  return { server, session, warnings, sent: () => server.events().map(essentials) };
}
