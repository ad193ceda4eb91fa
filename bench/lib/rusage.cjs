// Preloaded (`node -r`) into a measured process: on exit, writes its own resource usage (CPU µs,
// peak RSS KB) as JSON to file descriptor 3, so the parent measures a whole process from outside.
const { writeSync } = process.getBuiltinModule("node:fs");

process.once("exit", () => {
  const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
  try {
    writeSync(3, JSON.stringify({ cpuUs: userCPUTime + systemCPUTime, maxRssKb: maxRSS }));
  } catch {
    // no fd 3: run by hand
  }
});
