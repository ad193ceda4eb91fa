/**
 * Seeds of property and fuzz tests: the fixed ones the test always ran (a regression caught once stays
 * caught) plus a fresh one per run, printed so that a failure can be replayed with `SEED=<n>`
 * (then only that seed runs).
 */
export function propertySeeds(name: string, fixed: readonly number[]): number[] {
  const replay = process.env.SEED;
  if (replay !== undefined && replay !== "") {
    const seed = Number(replay);
    if (!Number.isInteger(seed)) throw new Error(`SEED must be an integer, not '${replay}'`);
    console.log(`${name}: replaying SEED=${seed}`);
    return [seed];
  }
  const fresh = (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
  console.log(`${name}: seeds ${[...fixed, fresh].join(", ")} (fresh seed ${fresh}; replay with SEED=${fresh})`);
  return [...fixed, fresh];
}
