/**
 * A small pipeline module, as a studio would write one: publish a shot's renders to a reviewer, follow the
 * farm's jobs, retry what failed, share folders with reviewers. Its tests (../test) run it against the
 * accsyn emulator with the testing kit.
 */
import type { Session } from "@accsyn/api";

/** What {@link publishShot} sends. */
export interface Publish {
  /** The shot folder on the renders share, e.g. `sh010`. */
  shot: string;
  /** The reviewer's e-mail: the files land in their home under `review/<shot>/`. */
  reviewer: string;
  /** Start the transfer now (default) or leave it paused for a supervisor. */
  start?: boolean;
}

/** The share publishes read from. */
export const RENDERS_SHARE = "renders";

/** Publishes every file of a shot folder to a reviewer as one transfer; answers the job id and its file count. */
export async function publishShot(session: Session, publish: Publish): Promise<{ id: string; files: number }> {
  const folder = `share=${RENDERS_SHARE}/${publish.shot}`;
  const entries = await session.ls(folder, { filesOnly: true });
  if (entries.length === 0) throw new Error(`Nothing to publish: ${folder} has no files`);
  const job = await session.create("Transfer", {
    name: `publish-${publish.shot}`,
    source: `${folder}/`,
    destination: `${publish.reviewer}:/review/${publish.shot}/`,
    status: publish.start === false ? "paused" : "waiting",
  });
  return { id: job.id, files: entries.length };
}

/** Counts of the farm's transfers by status (finished ones included). */
export async function jobReport(session: Session): Promise<Record<string, number>> {
  const report: Record<string, number> = {};
  for (const finished of [false, true]) {
    for (const job of await session.find("Transfer", { finished })) report[job.status] = (report[job.status] ?? 0) + 1;
  }
  return report;
}

/** Puts every failed transfer back in the queue; answers the codes of those it retried. */
export async function retryFailed(session: Session): Promise<string[]> {
  const failed = await session.find("Transfer WHERE status=failed");
  for (const job of failed) await session.update("Transfer", job.id, { status: "waiting" });
  return failed.map((job) => job.code);
}

/** Pauses every transfer waiting in the queue (e.g. before maintenance); answers how many. */
export async function holdQueue(session: Session): Promise<number> {
  const waiting = await session.find("Transfer WHERE status=waiting");
  for (const job of waiting) await session.update("Transfer", job.id, { status: "paused" });
  return waiting.length;
}

/** Gives a reviewer read access to a folder, unless they have some already; answers whether it granted. */
export async function shareWithReviewer(session: Session, reviewer: string, folder: string): Promise<boolean> {
  const share = await session.findOne(`Folder WHERE code="${folder}"`);
  const user = await session.findOne(`User WHERE code="${reviewer}"`);
  if (!share || !user) throw new Error(`No ${share ? "user" : "folder"} ${share ? reviewer : folder}`);
  const acls = (await session.access("folder", share.id)) as Array<{ user: string }>;
  if (acls.some((acl) => acl.user === user.id)) return false;
  await session.grant("user", reviewer, "folder", folder, { read: true, write: false });
  return true;
}

/** The workspace's transfer speed limit in MB/s (0: none). */
export async function speedLimit(session: Session): Promise<number> {
  return Number((await session.getSetting("transfer_speedlimit")) ?? 0);
}
