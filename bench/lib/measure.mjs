// Timing helpers shared by the client scenarios: wall and CPU time, interleaved repetitions, a
// pool of calls in flight, and the sanity check.

/** Runs a full collection when the process has `--expose-gc` (before each timed step). */
export const collect = () => globalThis.gc?.();

/** Milliseconds taken by `fn`. */
export async function timed(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Wall and CPU (this process, user + system) milliseconds taken by `fn`. */
export async function timedCpu(fn) {
  const cpu = process.cpuUsage();
  const wall = await timed(fn);
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/**
 * Runs each runner once per repetition (after a collection), interleaved and rotated so that
 * machine noise hits all alike: `{ samples, cpu }` of wall and CPU ms per runner.
 */
export async function repeat(reps, runners) {
  const samples = {};
  const cpu = {};
  const names = Object.keys(runners);
  for (let rep = 0; rep < reps; rep++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(rep + k) % names.length];
      collect();
      const took = await timedCpu(runners[name]);
      (samples[name] ??= []).push(took.wall);
      (cpu[name] ??= []).push(took.cpu);
    }
  }
  return { samples, cpu };
}

/** Runs `count` calls of `call`, `inflight` at a time. */
export async function pool(count, inflight, call) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inflight, count) }, worker));
}

/** Throws when a sanity check fails (the run then reports the scenario as failed). */
export function check(condition, message) {
  if (!condition) throw new Error(`bench sanity check failed: ${message}`);
}
