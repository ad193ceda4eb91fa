/**
 * Seeds of property and fuzz tests: the fixed ones a test always ran (a regression caught once stays caught)
 * plus a fresh one per run, printed so that a failure can be replayed with `SEED=<n>` (then only that seed
 * runs, in every property test of the run: replay one file, e.g. `SEED=<n> npx vitest run <file>`).
 */

/** The replay seed given as `SEED=<n>`, if any. */
function replaySeed(name: string): number | undefined {
  const replay = process.env.SEED;
  if (replay === undefined || replay === "") return undefined;
  const seed = Number(replay);
  if (!Number.isInteger(seed)) throw new Error(`SEED must be an integer, not '${replay}'`);
  console.log(`${name}: replaying SEED=${seed}`);
  return seed;
}

/** The fixed seeds and a fresh one (printed), or only `SEED` when given. */
export function propertySeeds(name: string, fixed: readonly number[]): number[] {
  const replay = replaySeed(name);
  if (replay !== undefined) return [replay];
  const fresh = Math.floor(Math.random() * 0x7fffffff);
  const all = [...fixed, fresh];
  console.log(`${name}: ${fixed.length ? `seeds ${all.join(", ")}, fresh ${fresh}` : `fresh seed ${fresh}`} (replay with SEED=${fresh})`);
  return all;
}

/** One seed for a property that has no fixed seed: fresh per run (printed), or `SEED` when given. */
export function propertySeed(name: string): number {
  return propertySeeds(name, [])[0] as number;
}
