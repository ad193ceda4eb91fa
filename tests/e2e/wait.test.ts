/**
 * `waitFor` against the emulator: an id the workspace does not know rejects at once with an
 * `AccsynNotFoundError` (an `AccsynApiError`, not an `AccsynJobError`: no job ended).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccsynApiError, AccsynJobError, AccsynNotFoundError } from "@accsyn/api";
import { startE2E, type E2E } from "./support.js";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.stop());

describe("waitFor an unknown id", () => {
  it.each(["job", "delivery", "user"])("rejects with AccsynNotFoundError for a %s id the workspace does not know", async (entitytype) => {
    const id = "0123456789abcdef01234567";
    const started = Date.now();
    const error = await e2e.admin.waitFor(entitytype, id, { intervalMs: 60_000 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000); // at the first poll, not after one interval (60 s)
    expect(error).toBeInstanceOf(AccsynNotFoundError);
    expect(error).toBeInstanceOf(AccsynApiError);
    expect(error).not.toBeInstanceOf(AccsynJobError);
    expect(error).toMatchObject({ code: "ACCSYN_NOT_FOUND", entityType: entitytype, entityId: id });
  });
});
