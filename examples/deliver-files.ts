/**
 * Delivers files on a share to a recipient: creates a delivery with the files and the recipient,
 * submits it, follows it until the recipient's desktop app has received it and lists who got it.
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
  const done = await session.waitFor("Delivery", delivery.id, {
    intervalMs: 500,
    timeoutMs: 10 * 60_000,
    onProgress: ({ status, progress }) => {
      if (status === lastStatus) return;
      lastStatus = status ?? "";
      console.log(`  ${status} ${progress ?? 0}%`);
    },
  });
  console.log(`Delivery ${done.code} is ${done.status}: ${formatBytes(done.size)} delivered.`);

  for (const entry of await session.access("delivery", delivery.id)) {
    console.log(`  recipient ${userLabel(entry.user_hr, entry.user)}: ${entry.actioned === true ? "received" : "not yet received"}`);
  }
});
