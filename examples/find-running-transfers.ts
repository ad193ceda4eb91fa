/**
 * Finds the transfers running now and reports each one's progress, size, speed, owner and tasks.
 *
 *   find-running-transfers
 */
import { query } from "@accsyn/api";
import { runExample } from "./connect.js";
import { formatBytes, userLabel } from "./format.js";

await runExample(async (session) => {
  let count = 0;
  let bytes = 0;
  for await (const transfer of session.iterate("Transfer WHERE status=running", { pageSize: 50 })) {
    count += 1;
    bytes += transfer.size ?? 0;
    const speed = transfer.speed !== undefined && transfer.speed >= 0 ? `${transfer.speed} MB/s` : "idle";
    console.log(`${transfer.code} (${transfer.id})`);
    console.log(`  progress: ${transfer.progress ?? 0}% of ${formatBytes(transfer.size)} at ${speed}`);
    console.log(`  owner:    ${userLabel(transfer.user_hr, transfer.user)}`);
    const tasks = await session.find(query`Task WHERE job.id=${transfer.id}`);
    for (const task of tasks) {
      const destination = typeof task.destination === "string" ? task.destination : JSON.stringify(task.destination);
      console.log(`  task ${task.uri}: ${task.source ?? "?"} -> ${destination} [${task.status}]`);
    }
  }
  console.log(count === 0 ? "No running transfers." : `${count} running transfer(s), ${formatBytes(bytes)} in total.`);
});
