// Peak RSS of walking the paged listing (1,000,000 transfers) with `iterate()`, in a fresh process
// (run by client.mjs): compared by run.mjs with the peak of one `find` of a single page's size.
import { PAGED_TOTAL, PAGES_QUERY } from "./fixtures.mjs";
import { check } from "./measure.mjs";

/**
 * Walks the transfers of the paged listing `pageSize` at a time (all of them, or the first `stopAfter`);
 * resolves with the peak RSS (MB) and the time taken.
 */
export async function iterateMemory({ port, pageSize, stopAfter = PAGED_TOTAL }) {
  const { openSession } = await import("./sdk.mjs");
  const { session } = await openSession(port);
  check(typeof session.iterate === "function", "the session offers iterate()");
  const started = performance.now();
  let count = 0;
  let dated = 0;
  for await (const transfer of session.iterate(PAGES_QUERY, { pageSize })) {
    if (transfer.created instanceof Date) dated++;
    if (++count === stopAfter) break;
  }
  const ms = performance.now() - started;
  session.close();
  check(count === stopAfter && dated === count, `iterate walked ${count} of ${stopAfter} transfers (${dated} with dates decoded)`);
  return { count, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}
