/**
 * End-to-end helpers: an emulator on a free port and SDK sessions logged in as its demo users.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { AccsynApiError, Session } from "@accsyn/api";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@accsyn/emulator";
import { expect } from "vitest";

/** A demo role of the built-in seed. */
export type DemoRole = "admin" | "employee" | "standard";

/** A running emulator and sessions for each demo role. */
export interface E2E {
  emu: RunningEmulator;
  admin: Session;
  employee: Session;
  standard: Session;
  /** A fresh session for a user of the emulator (e.g. one created during the test). */
  connect(username: string, apiKey: string): Promise<Session>;
  /** The id of a client of the demo seed by its code (`admin-laptop`, `standard-laptop`, `fileserver01`, …). */
  clientId(code: string): string;
  /** The sandbox directory standing for a client's local disk. */
  sandbox(clientCode: string): string;
  /** The directory of the default volume `projects`. */
  volumeDir: string;
  stop(): Promise<void>;
}

/** Warnings the SDK logged (deprecations, several matches; a thrown error is not also a warning); kept out of the test output. */
export const warnings: string[] = [];

/** Connects an SDK session to the emulator (plain HTTP, no environment, no workspace resolution). */
export function connectTo(emu: RunningEmulator, username: string, apiKey: string): Promise<Session> {
  return Session.connect({
    workspace: emu.workspace, username, apiKey, hostname: "127.0.0.1", port: emu.port, protocol: "http", env: {},
    logger: { warn: (line) => warnings.push(line) },
  });
}

/**
 * Starts an emulator (instant jobs picked up within 20 ms unless `jobs` says otherwise) and logs in as admin, employee
 * and standard through the SDK.
 */
export async function startE2E(options: EmulatorOptions = {}): Promise<E2E> {
  const emu = await startEmulator({ port: 0, jobs: { rate: 0, tickMs: 5, pickupMs: 20 }, ...options });
  const user = (role: DemoRole) => emu.users.find((u) => u.role === role) ?? expect.unreachable(`no ${role} user`);
  const as = (role: DemoRole) => connectTo(emu, user(role).username, user(role).apiKey);
  const [admin, employee, standard] = await Promise.all([as("admin"), as("employee"), as("standard")]);
  const clients = new Map<string, string>();
  for (const c of await admin.find("Client")) clients.set(String(c.code), String(c.id));
  const clientId = (code: string) => clients.get(code) ?? expect.unreachable(`no client ${code}`);
  const volume = await admin.findOne("Volume WHERE default=true");
  return {
    emu, admin, employee, standard, clientId,
    connect: (username, apiKey) => connectTo(emu, username, apiKey),
    sandbox: (code) => join(emu.dataDir, "clients", clientId(code)),
    volumeDir: String(volume?.path),
    stop: () => emu.stop(),
  };
}

/** Writes a file (creating its directories) and answers its path. */
export function writeFileAt(path: string, content: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** Expects `promise` to reject with an AccsynApiError whose message matches `pattern`. */
export async function expectApiError(promise: Promise<unknown>, pattern: RegExp): Promise<AccsynApiError> {
  const err: unknown = await promise.then(
    (value) => expect.unreachable(`expected a refusal, got ${JSON.stringify(value)}`),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AccsynApiError);
  expect((err as AccsynApiError).message).toMatch(pattern);
  return err as AccsynApiError;
}

/** The file names of an `ls` answer (`{files: [...]}` or a list). */
export function namesOf(listing: unknown): string[] {
  const files = Array.isArray(listing) ? listing : (listing as { files?: unknown[] } | null)?.files ?? [];
  return (files as Array<{ filename: string }>).map((f) => f.filename).sort();
}
