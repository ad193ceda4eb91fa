#!/usr/bin/env node
/**
 * The accsyn tour: starts a local emulator with the demo seed on a free port and walks a realistic
 * pipeline through the SDK — volumes, a shared folder, an upload by transfer with a progress bar,
 * a delivery with a recipient, the recipient's view, and a setting — then stops the emulator.
 *
 * Run it with `pnpm start` (builds first). Every step must succeed: a step the emulator cannot do
 * makes the tour exit non-zero with the reason.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dist = (pkg) => new URL(`../packages/${pkg}/dist/index.js`, import.meta.url).href;
const { Session } = await import(dist("api"));
const { startEmulator } = await import(dist("emulator"));
const { progressDisplay } = await import(dist("cli"));

const tty = process.stdout.isTTY === true && !process.env.NO_COLOR;
const bold = (text) => (tty ? `\u001b[1m${text}\u001b[22m` : text);
const dim = (text) => (tty ? `\u001b[2m${text}\u001b[22m` : text);
let stepNumber = 0;

/** Runs one step with a heading; any failure ends the tour with the step named. */
async function step(title, body) {
  stepNumber += 1;
  console.log(`\n${bold(`${stepNumber}. ${title}`)}`);
  try {
    return await body();
  } catch (error) {
    throw new Error(`Step ${stepNumber} (${title}) failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Prints `label: value` lines, indented. */
function show(rows) {
  for (const [label, value] of rows) console.log(`   ${dim(`${label}:`.padEnd(14))} ${value}`);
}

/** Fails the tour when a condition the pipeline relies on does not hold. */
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Waits for a job with a progress bar (terminal) or progress lines (elsewhere). */
async function waitWithProgress(session, type, id, label) {
  const display = await progressDisplay(label, process.stdout);
  try {
    return await session.waitFor(type, id, {
      intervalMs: 200,
      timeoutMs: 30_000,
      onProgress: ({ status, progress, entity }) => display.update({ status, progress, entity }),
    });
  } finally {
    display.stop();
  }
}

/**
 * Follows a query with `session.watch` (what `accsyn watch "<query>"` shows live); the returned
 * function ends it (at the latest 5 s later) and answers each event in short: `added running 12%`, `42%`, `done`, `removed`.
 */
function watchEvents(session, query) {
  const controller = new AbortController();
  const seen = [];
  const following = (async () => {
    for await (const { kind, entity, changed } of session.watch(query, { interval: 200, signal: controller.signal })) {
      if (kind === "added") seen.push(`added ${entity.status} ${entity.progress}%`);
      else if (kind === "removed") seen.push("removed");
      else seen.push(changed.includes("status") ? entity.status : `${entity.progress}%`);
      if (kind === "removed") return;
    }
  })();
  return async () => {
    const timer = setTimeout(() => controller.abort(), 5_000);
    await following;
    clearTimeout(timer);
    return seen;
  };
}

/**
 * What to run next, true as printed: `pnpm emulator` listens on ACCSYN_EMULATOR_PORT (else 8181)
 * with the same demo seed, and the last line is a CLI command against it, credentials included.
 */
function nextSteps(user) {
  const port = process.env.ACCSYN_EMULATOR_PORT?.trim() || "8181";
  return [
    `Next, keep an emulator running (${dim(`pnpm emulator -- --port N`)} for another port than ${port}):`,
    `  pnpm emulator`,
    `then, in another shell, the \`accsyn\` command against it (\`pnpm accsyn --help\` lists every command):`,
    `  ACCSYN_WORKSPACE=${emulator.workspace} ACCSYN_API_USER=${user.username} ACCSYN_API_KEY=${user.apiKey} pnpm accsyn --host 127.0.0.1 --port ${port} --http ls share=projects/plates`,
  ].join("\n");
}

const started = Date.now();
const dataDir = mkdtempSync(join(tmpdir(), "accsyn-tour-"));
const emulator = await startEmulator({ port: 0, dataDir, jobs: { rate: 4 * 1024 * 1024 } });
console.log(bold("accsyn tour"));
console.log(`An emulator with the demo seed (workspace ${emulator.workspace}) listens on ${emulator.url}.`);

const connection = { hostname: emulator.host, port: emulator.port, protocol: "http", workspace: emulator.workspace };
const userOf = (role) => {
  const user = emulator.users.find((u) => u.role === role);
  expect(user, `the demo seed has no ${role} user`);
  return user;
};
const admin = userOf("admin");
const reviewer = userOf("standard");

try {
  const session = await step(`Log in as the admin ${admin.username}`, async () => {
    const s = await Session.connect({ ...connection, username: admin.username, apiKey: admin.apiKey });
    show([["role", s.role], ["user id", s.userId]]);
    return s;
  });

  const volume = await step("List the volumes (storage roots)", async () => {
    const volumes = await session.find("volume");
    expect(volumes.length > 0, "the workspace has no volume");
    for (const v of volumes) show([[v.code, `${v.name}${v.default ? " (default)" : ""} — ${v.status}`]]);
    return volumes.find((v) => v.default) ?? volumes[0];
  });

  const folder = await step(`Make a folder on ${volume.code} and share it with ${reviewer.username}`, async () => {
    await session.mkdir(`share=${volume.code}/trailer`);
    const created = await session.create("folder", { name: "Trailer", parent: volume.id, path: "trailer" });
    await session.grant("user", reviewer.username, "folder", created.id, { read: true, write: false, invite: false });
    const acl = await session.access("folder", created.id);
    show([["folder", `${created.code} (${created.id})`], ...acl.map((a) => ["access", `${a.user_hr || a.user} read=${a.read} write=${a.write} path=${a.path}`])]);
    expect(acl.some((a) => JSON.stringify(a).includes(reviewer.username)), "the reviewer is not in the folder's access list");
    return created;
  });

  const renders = await step("Render three shots on the admin's laptop (the emulated client's disk)", async () => {
    const [laptop] = await session.find(`client WHERE user=${session.userId} AND type=0`);
    expect(laptop, "the admin has no desktop app client to upload from");
    const dir = join(dataDir, "clients", laptop.id, "renders");
    mkdirSync(dir, { recursive: true });
    const names = ["trailer_sh010.mov", "trailer_sh020.mov", "trailer_sh030.mov"];
    names.forEach((name, i) => writeFileSync(join(dir, name), Buffer.alloc((3 + i) * 1024 * 1024, i + 1)));
    show([["client", `${laptop.code} (${laptop.id})`], ["files", names.join(", ")]]);
    return names;
  });

  await step(`Upload them by transfer into ${folder.code}`, async () => {
    const tasks = renders.map((name) => ({ source: `/renders/${name}`, destination: `share=${folder.code}/` }));
    const transfer = await session.create("transfer", { name: "Trailer upload", tasks });
    const watched = watchEvents(session, `transfer WHERE id=${transfer.id}`);
    const done = await waitWithProgress(session, "transfer", transfer.id, "   upload");
    show([["watch", (await watched()).join(" → ")]]);
    // `ls` answers the entries themselves: `{ type: 0 | 1, filename, size?, modified }`.
    const listing = await session.ls(`share=${folder.code}`, { getSize: true });
    const total = await session.getSize(`share=${folder.code}`);
    show([
      ["transfer", `${done.code} ${done.status}: ${done.source_hr} → ${done.destination_hr}`],
      ...listing.map((f) => ["on the share", `${f.filename} ${f.size} bytes`]),
      ["folder size", `${(total / 1024 / 1024).toFixed(1)} MiB`],
    ]);
    expect(listing.length === renders.length, `expected ${renders.length} files on the share, found ${listing.length}`);
  });

  const delivery = await step(`Create a delivery for ${reviewer.username} and submit it`, async () => {
    const created = await session.create("delivery", { name: "Trailer v001 for review" });
    const upload = await session.create("transfer", { parent: created.id, source: `/renders/${renders[0]}` });
    await waitWithProgress(session, "transfer", upload.id, "   delivery upload");
    await session.grant("user", reviewer.username, "delivery", created.id, { invite: false });
    const submitted = await session.update("delivery", created.id, { status: "pending" });
    const recipients = await session.access("delivery", created.id);
    show([["delivery", `${submitted.code} (${submitted.id})`], ["status", submitted.status], ...recipients.map((r) => ["recipient", `${r.user_hr || r.user}${r.actioned ? " (received)" : ""}`])]);
    return submitted;
  });

  await step(`See it as the recipient ${reviewer.username}`, async () => {
    const theirs = await Session.connect({ ...connection, username: reviewer.username, apiKey: reviewer.apiKey });
    const deliveries = await theirs.find("delivery");
    const mine = deliveries.find((d) => d.id === delivery.id);
    expect(mine, "the recipient cannot see the delivery");
    const files = await theirs.ls(`delivery=${delivery.id}`);
    const shared = await theirs.ls(`share=${folder.code}`);
    show([["role", theirs.role], ["delivery", `${mine.name} — ${mine.status}`], ...files.map((f) => ["in delivery", f.filename]), ["shared folder", shared.map((f) => f.filename).join(", ")]]);
    // A submitted delivery waits for its recipients: they fetch it with a transfer beneath it.
    const fetch = await theirs.create("transfer", { parent: delivery.id });
    const fetched = await waitWithProgress(theirs, "transfer", fetch.id, "   download");
    const [recipient] = (await session.access("delivery", delivery.id)).filter((r) => r.user_hr === reviewer.username);
    show([["download", `${fetched.status}: ${fetched.source_hr} → ${fetched.destination_hr}`], ["recipient", `${reviewer.username} actioned=${recipient?.actioned}`]]);
    expect(recipient?.actioned === true, "the recipient is not marked as having actioned the delivery");
    theirs.close();
  });

  await step("Read and change a workspace setting", async () => {
    const before = await session.getSetting("max_transfers");
    await session.setSetting("workspace", "max_transfers", "4");
    const after = await session.getSetting("max_transfers");
    show([["max_transfers", `${before} → ${after}`]]);
    expect(after === "4", `the setting reads ${after} after setting it to 4`);
  });

  session.close();
  console.log(`\n${bold("Tour complete")} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  console.log(nextSteps(admin));
} catch (error) {
  process.exitCode = 1;
  console.error(`\naccsyn tour: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await emulator.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
