import type { TestProject } from "vitest/node";
import { type EmulatorHandle, startEmulator } from "@accsyn/emulator";
import { SEED } from "./seed.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** How test files reach the emulator this setup started. */
    accsynEmulator: EmulatorHandle;
  }
}

/** Starts one emulator for the run (a free port, frozen jobs: tests decide when jobs move) and stops it after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emu = await startEmulator({ port: 0, seed: SEED, jobs: { run: false } });
  project.provide("accsynEmulator", emu.handle);
  return () => emu.stop();
}
