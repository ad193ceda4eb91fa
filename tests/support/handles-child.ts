/**
 * Child process of tests/reliability/handles.test.ts: one SDK session against the emulator at argv[2] makes
 * successful, refused, invalid and aborted calls, then closes. It prints what is still active, then must exit by
 * itself (no process.exit): anything left open would keep it alive.
 */
import { Session } from "@accsyn/api";

async function main(): Promise<void> {
  const url = new URL(process.argv[2] ?? "");
  const session = new Session({
    workspace: "acme", username: "admin@acme.test", apiKey: "demo-admin-key", hostname: url.hostname, port: Number(url.port),
    protocol: "http", env: {}, logger: {},
  });
  const outcomes: string[] = [];
  const record = (p: Promise<unknown>): Promise<void> => p.then(() => void outcomes.push("ok"), (e: Error) => void outcomes.push(e.name));
  await Promise.all([
    record(session.find("queue")),
    record(session.ls("share=projects")),
    record(session.create("queue", { name: `handles-${process.pid}` })),
    record(session.update("queue", "ffffffffffffffffffffffff", { priority: 1 })),
    record(session.find("nosuchtype")),
    record(session.getEntity("queue", "not-an-id")),
  ]);
  const controller = new AbortController();
  const aborted = record(session.find("queue", { signal: controller.signal }));
  controller.abort();
  await aborted;
  session.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  const active = process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap" && r !== "PipeWrap");
  process.stdout.write(`${JSON.stringify({ outcomes, active, closedAt: Date.now() })}\n`);
}

void main();
