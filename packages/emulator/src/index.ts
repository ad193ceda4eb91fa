/**
 * `@accsyn/emulator`: a local accsyn-compatible backend for offline development and tests.
 * @packageDocumentation
 */
export { startEmulator } from "./emulator.js";
export type { EmulatorOptions, EmulatorUser, RunningEmulator } from "./emulator.js";
export { DEMO_SEED } from "./seed.js";
export type { Seed, SeedAcl, SeedClient, SeedJob, SeedQueue, SeedSetting, SeedShare, SeedSite, SeedUser, SeedVolume } from "./seed.js";
export { MAX_BODY_BYTES } from "./protocol.js";
export { LIMITS } from "./limits.js";
export type { LimitName } from "./limits.js";
export { SERVICE_RATE_LIMIT, type RateLimitFigures } from "./rate-limit.js";
export type { RunnerOptions } from "./jobs/runner.js";
export { parseQuery, QuerySyntaxError } from "./query/index.js";
export type { QueryNode, Op } from "./query/index.js";
export type { EmulatorControl, EmulatorHandle } from "./handle.js";
export { connectEmulator, emulatorFromEnv, EMULATOR_ENV, type ConnectedEmulator } from "./testing/connect.js";
export { SeedBuilder, seedBuilder, type UserInput } from "./testing/builders.js";
export { SNAPSHOT_FORMAT, type StateSnapshot } from "./testing/snapshot.js";
export type { SnapshotFile } from "./testing/files.js";
