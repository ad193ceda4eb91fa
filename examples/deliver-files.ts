/**
 * Delivers files on a share to a recipient: creates a delivery with the files and the recipient,
 * submits it, follows it until it is available to its recipients (`waiting`: they fetch it from their
 * desktop app, nothing is pushed to them) and lists who has received it so far.
 *
 *   deliver-files <recipient e-mail> <file> [<file> …]
 *   deliver-files standard@acme.test share=projects/finals/final.mov
 */
import { runExample } from "./connect.js";
import { formatBytes, userLabel } from "./format.js";

await runExample(async (session, args) => {
  const [recipient, ...files] = args;
  if (recipient === undefined || files.length === 0) {
    throw new Error("usage: deliver-files <recipient e-mail> <file> [<file> …]");
  }
  for (const file of files) {
    if (!(await session.exists(file))) throw new Error(`${file} does not exist`);
  }

  const delivery = await session.create("Delivery", {
    name: `Files for ${recipient}`,
    tasks: files,
    recipients: [recipient],
    status: "pending",
  });
  console.log(`Delivery ${delivery.code} (${delivery.id}) submitted with ${files.length} file(s) for ${recipient}.`);

  let lastStatus = "";
  const ready = await session.waitFor("Delivery", delivery.id, {
    until: ["waiting"],
    intervalMs: 500,
    timeoutMs: 10 * 60_000,
    onProgress: ({ status, progress }) => {
      if (status === lastStatus) return;
      lastStatus = status ?? "";
      console.log(`  ${status} ${progress ?? 0}%`);
    },
  });
  console.log(`Delivery ${ready.code} is ${ready.status} for its recipients: ${formatBytes(ready.size)} to fetch.`);

  for (const entry of await session.access("delivery", delivery.id)) {
    console.log(`  recipient ${userLabel(entry.user_hr, entry.user)}: ${entry.actioned === true ? "received" : "not yet received"}`);
  }
});
