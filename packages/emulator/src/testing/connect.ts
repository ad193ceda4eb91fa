import type { EmulatorControl, EmulatorHandle } from "../handle.js";
import type { Seed } from "../seed.js";
import { CONTROL_KEY_HEADER, CONTROL_PREFIX } from "./kit.js";

/** The environment variable {@link emulatorFromEnv} reads: an {@link EmulatorHandle} as JSON. */
export const EMULATOR_ENV = "ACCSYN_EMULATOR";

/** An emulator reached over HTTP: its handle plus the test kit's controls. */
export type ConnectedEmulator = EmulatorHandle & EmulatorControl;

async function call(handle: EmulatorHandle, method: "GET" | "POST", action: string): Promise<unknown> {
  const res = await fetch(`${handle.url}${CONTROL_PREFIX}${action}`, { method, headers: { [CONTROL_KEY_HEADER]: handle.controlKey } });
  const body = (await res.json().catch(() => ({}))) as { result?: unknown; message?: string };
  if (!res.ok) throw new Error(`Emulator ${action} failed (HTTP ${res.status}): ${body.message ?? "no message"}`);
  return body.result;
}

/**
 * The test kit of an emulator started in another process (a test runner's global setup), from its
 * {@link RunningEmulator.handle}.
 *
 * @example
 * const emu = connectEmulator(inject("accsynEmulator"));
 * beforeEach(() => emu.reset());
 */
export function connectEmulator(handle: EmulatorHandle): ConnectedEmulator {
  return {
    ...handle,
    reset: async () => void (await call(handle, "POST", "reset")),
    export: async () => (await call(handle, "GET", "export")) as Seed,
  };
}

/** {@link connectEmulator} with the handle a global setup put in `ACCSYN_EMULATOR` (the jest recipe). */
export function emulatorFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectedEmulator {
  const text = env[EMULATOR_ENV];
  if (!text) throw new Error(`${EMULATOR_ENV} is not set: start the emulator in a global setup and set it to JSON.stringify(emu.handle)`);
  return connectEmulator(JSON.parse(text) as EmulatorHandle);
}
