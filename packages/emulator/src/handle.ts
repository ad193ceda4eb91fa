import type { Seed } from "./seed.js";

/** A user of the running emulator's workspace with the key to log in with. */
export interface EmulatorUser {
  /** The e-mail the user logs in with. */
  username: string;
  /** The user's API key (demo keys with the built-in seed). */
  apiKey: string;
  /** `admin`, `employee`, `standard` or `support`. */
  role: string;
  /** The user's 24-hex id. */
  id: string;
}

/**
 * What a test process needs to reach an emulator started elsewhere (e.g. in a test runner's global setup):
 * plain JSON, to hand over through `provide`/`inject` or an environment variable.
 */
export interface EmulatorHandle {
  /** Base URL, e.g. `http://127.0.0.1:53211`. */
  url: string;
  /** The workspace code. */
  workspace: string;
  /** Users of the workspace with their (first) API key. */
  users: EmulatorUser[];
  /** The key of the emulator's control endpoints (`/_emulator/reset`, `/_emulator/export`); random per start. */
  controlKey: string;
}

/** The test kit's controls, in process ({@link RunningEmulator}) or over HTTP ({@link connectEmulator}). */
export interface EmulatorControl {
  /**
   * Puts the workspace back as it was when the emulator started (the seed): entities, ids, dates, settings and
   * the files under the data directory. Same port, same keys; open sessions stay valid. Milliseconds.
   */
  reset(): Promise<void>;
  /** The current state as a seed: start an emulator from it and it answers the same. */
  export(): Promise<Seed>;
}
