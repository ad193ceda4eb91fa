import { Session } from "@accsyn/api";
import { connectEmulator } from "@accsyn/emulator";
import { afterAll, beforeEach, inject } from "vitest";

/** The run's emulator (started by global-setup.ts), put back to the seed before every test of the file. */
export const emulator = connectEmulator(inject("accsynEmulator"));
beforeEach(() => emulator.reset());

/** A session as one of the seed's users (default: the admin), closed after the file. */
export function sessionAs(email = "admin@acme.test"): Session {
  const user = emulator.users.find((u) => u.username === email);
  if (!user) throw new Error(`No user ${email} in the seed`);
  const url = new URL(emulator.url);
  const session = new Session({ workspace: emulator.workspace, username: user.username, apiKey: user.apiKey,
    hostname: url.hostname, port: Number(url.port), protocol: "http" });
  afterAll(() => session.close());
  return session;
}
