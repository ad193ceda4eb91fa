// The goals of issues 18 and 26, one entry per condition; `key` names the row of the run that measures it.

/** Goal conditions in the order of the table. */
export const GOALS = [
  { key: "wan-tls-seq-ref", goal: "wan 20 ms + TLS, sequential small calls", condition: "× faster than the reference" },
  { key: "wan-tls-seq-floor", goal: "wan 20 ms + TLS, sequential small calls", condition: "× the raw keep-alive round trip" },
  { key: "wan-http-seq-ref", goal: "wan 20 ms plain HTTP, sequential small calls", condition: "× faster than the reference" },
  { key: "wan-tls-conc-ref", goal: "wan 20 ms + TLS, 32 concurrent (ref: 8 threads)", condition: "× the reference's calls/s" },
  { key: "wan-http-conc-floor", goal: "wan 20 ms plain HTTP, 32 concurrent", condition: "raw keep-alive calls/s ÷ SDK's (≤2 = ≥0.5×)" },
  { key: "large-ref", goal: "loopback large 50k find", condition: "× faster than the reference" },
  { key: "large-whole", goal: "loopback large 50k find", condition: "× the whole-text path (fetch + decode)" },
  { key: "large-rss-ref", goal: "loopback large 50k find", condition: "× less peak RSS than the reference" },
  { key: "create-ref", goal: "loopback create 100k tasks", condition: "× faster than the reference" },
  { key: "create-floor", goal: "loopback create 100k tasks", condition: "× its floor (stringify+gzip+b64)" },
  { key: "got-alone", goal: "SDK vs got alone, small calls", condition: "× got alone" },
  { key: "got-alone-listened", goal: "SDK with a call-event listener vs got alone, small calls", condition: "× got alone" },
  { key: "startup-version", goal: "accsyn --version start-up", condition: "× bare node -e 0" },
  { key: "iterate-rss", goal: "iterate over 1M transfers", condition: "× the peak RSS of one 50k find" },
  { key: "iterate-flat", goal: "iterate over 1M transfers", condition: "× the peak RSS of a 3-page walk" },
  { key: "cli-find-wall", goal: "accsyn find user --json (whole process)", condition: "× raw node's wall time" },
  { key: "cli-find-rss", goal: "accsyn find user --json (whole process)", condition: "× raw node's peak RSS" },
  { key: "cli-ls-wall", goal: "accsyn ls share=projects --json", condition: "× raw node's wall time" },
  { key: "cli-ls-rss", goal: "accsyn ls share=projects --json", condition: "× raw node's peak RSS" },
  { key: "cli-whoami-wall", goal: "accsyn whoami", condition: "× raw node's wall time" },
  { key: "cli-whoami-rss", goal: "accsyn whoami", condition: "× raw node's peak RSS" },
  { key: "limit-zero-429", goal: "fan-out 300 @32, rate limit on, maxRequestsPerSecond 30", condition: "answers 429" },
  { key: "limit-wall", goal: "fan-out 300 @32, rate limit on, maxRequestsPerSecond 30", condition: "× the limit's floor (8 s)" },
  { key: "limit-50-zero-429", goal: "the same, maxRequestsPerSecond 30 + maxBurst 50 (README)", condition: "answers 429" },
  { key: "limit-50-wall", goal: "the same, maxRequestsPerSecond 30 + maxBurst 50 (README)", condition: "× the limit's floor (8 s)" },
  { key: "dashboard-idle", goal: "emulator with its dashboard open and idle", condition: "calls/s without ÷ with (≤1.11 = ≥0.9×)" },
  { key: "emulator-find", goal: "emulator 3-clause find over 100k", condition: "median ÷ 50 ms" },
  { key: "emulator-ls", goal: "emulator recursive ls of 10k files", condition: "median ÷ 150 ms" },
  { key: "emulator-load", goal: "emulator 20k calls @64", condition: "failures" },
];

/** Adds `row` to the table and, with a `key`, names it for the goals table. */
export function addRow(ctx, row, key) {
  ctx.rows.push(row);
  if (key) ctx.named[key] = row;
  return row;
}
