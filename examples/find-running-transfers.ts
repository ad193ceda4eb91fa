/**
 * Finds the transfers running now and reports each one's progress, size, speed, owner and tasks.
 *
 *   find-running-transfers
 */
import { runExample } from "./connect.js";
import { formatBytes, userLabel } from "./format.js";

await runExample(async (session) => {
  let count = 0;
  let bytes = 0;
  for await (const transfer of session.iterate("Transfer WHERE status=running", { pageSize: 50 })) {
    count += 1;
    bytes += transfer.size;
    const speed = transfer.speed >= 0 ? `${transfer.speed} MB/s` : "idle";
    console.log(`${transfer.code} (${transfer.id}): ${transfer.source_hr} -> ${transfer.destination_hr}`);
    console.log(`  progress: ${transfer.progress}% of ${formatBytes(transfer.size)} at ${speed}`);
    console.log(`  owner:    ${userLabel(transfer.user_hr, transfer.user)}`);
    // Jobs carry no tasks: find them by the job's id. Their ends are objects: client and path.
    const tasks = await session.find("Task", { entityId: transfer.id });
    for (const task of tasks) {
      console.log(`  task ${task.uri}: ${task.source.path} -> ${task.destination.path} [${task.status}]`);
    }
  }
  console.log(count === 0 ? "No running transfers." : `${count} running transfer(s), ${formatBytes(bytes)} in total.`);
});
