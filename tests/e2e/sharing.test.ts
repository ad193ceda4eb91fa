/**
 * Issue 5 through the SDK: the file-sharing story — an admin makes folders, shares one, grants a
 * standard user read access to a sub-folder and uploads files by transfer; the standard user sees
 * exactly that sub-folder, downloads from it and cannot write.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectApiError, namesOf, startE2E, writeFileAt, type E2E } from "./support.js";

let e2e: E2E;
let code: string;
let folderId: string;
let standardId: string;

beforeAll(async () => {
  e2e = await startE2E();
  standardId = e2e.emu.users.find((u) => u.role === "standard")?.id ?? "";
});
afterAll(async () => {
  await e2e.stop();
});

describe("file-sharing story", () => {
  it("the admin makes folders, shares one and uploads files into it by transfer", async () => {
    const { admin } = e2e;
    const folder = await admin.create("Folder", { name: "Client Share", path: "client-share" });
    code = String(folder.code);
    folderId = folder.id;
    expect(await admin.mkdir(`folder=${code}/DOWNLOAD`)).toBe(true);
    expect(await admin.mkdir(`folder=${code}/INTERNAL`)).toBe(true);
    expect(await admin.mkdir(`folder=${code}/DOWNLOAD/reels`)).toBe(true);
    await expectApiError(admin.mkdir(`folder=${code}/DOWNLOAD`), /already exists/);
    await expectApiError(admin.mkdir(`folder=${code}/nope/deeper`), /Parent directory .* does not exist/);

    const laptop = e2e.sandbox("admin-laptop");
    writeFileAt(join(laptop, "out", "edit_v1.mov"), "edit v1");
    writeFileAt(join(laptop, "out", "notes.txt"), "notes");
    writeFileAt(join(laptop, "out", "budget.xls"), "secret numbers");
    const upload = await admin.create("Job", {
      tasks: [
        { source: "/out/edit_v1.mov", destination: `folder=${code}/DOWNLOAD/` },
        { source: "/out/notes.txt", destination: `folder=${code}/DOWNLOAD/reels/` },
        { source: "/out/budget.xls", destination: `folder=${code}/INTERNAL/` },
      ],
      status: "waiting",
    });
    expect(upload.name).toBe("edit_v1.mov");
    const done = await admin.waitFor("Job", upload.id, { intervalMs: 10, timeoutMs: 10_000 });
    expect(done).toMatchObject({ status: "done", progress: 100, size: 7 + 5 + 14 });
    expect(namesOf(await admin.ls(`folder=${code}/DOWNLOAD`))).toEqual(["edit_v1.mov", "reels"]);
    expect(await admin.getSize(`folder=${code}`)).toBe(26); // a number of bytes (doc/file.rst)
    expect(readFileSync(join(e2e.volumeDir, "client-share", "INTERNAL", "budget.xls"), "utf8")).toBe("secret numbers");
  });

  it("the admin grants the standard user read access to the DOWNLOAD sub-folder", async () => {
    const { admin } = e2e;
    const acl = await admin.grant("user", "standard@acme.test", "folder", code, { path: "DOWNLOAD", read: true, write: false });
    for (const key of ["acknowledged", "created", "creator", "description", "entity", "id", "path", "read", "role", "status", "target", "token", "write"])
      expect(acl).toHaveProperty(key);
    expect(acl).toMatchObject({ entity: `user:${standardId}`, target: `share:${folderId}`, path: "DOWNLOAD", read: true, write: false });
    expect(await admin.access("folder", folderId)).toEqual([
      expect.objectContaining({ user: standardId, share: folderId, path: "DOWNLOAD", read: true, write: false }),
    ]);
  });

  it("the standard user sees exactly that sub-folder", async () => {
    const { standard } = e2e;
    expect((await standard.find("Folder")).map((f) => f.code)).toEqual([code]);
    expect(namesOf(await standard.ls(`folder=${code}`))).toEqual(["DOWNLOAD"]);
    expect(namesOf(await standard.ls(`folder=${code}/DOWNLOAD`))).toEqual(["edit_v1.mov", "reels"]);
    const tree = await standard.ls(`folder=${code}`, { recursive: true });
    expect(JSON.stringify(tree)).not.toContain("INTERNAL");
    expect(JSON.stringify(tree)).toContain("notes.txt");
    await expectApiError(standard.ls(`folder=${code}/INTERNAL`), /Permission denied/);
    await expectApiError(standard.getSize(`folder=${code}/INTERNAL`), /Permission denied/);
    expect(await standard.exists(`folder=${code}/INTERNAL/budget.xls`)).toBe(false);
    expect(await standard.exists(`folder=${code}/DOWNLOAD/edit_v1.mov`)).toBe(true);
    await expectApiError(standard.ls("share=projects"), /does not exist/);
  });

  it("the standard user downloads from it to its own client", async () => {
    const { standard } = e2e;
    const job = await standard.create("Job", { source: `folder=${code}/DOWNLOAD/edit_v1.mov`, destination: "standard@acme.test:/downloads/", status: "waiting" });
    await standard.waitFor("Job", job.id, { intervalMs: 10, timeoutMs: 10_000 });
    expect(readFileSync(join(e2e.sandbox("standard-laptop"), "downloads", "edit_v1.mov"), "utf8")).toBe("edit v1");
    const sneaky = await standard.create("Job", { source: `folder=${code}/INTERNAL/budget.xls`, destination: "standard@acme.test:/downloads/", status: "waiting" });
    await expectApiError(standard.waitFor("Job", sneaky.id, { intervalMs: 10, timeoutMs: 10_000 }), /ended with status failed/);
  });

  it("the standard user cannot write: rename, mkdir, mv, delete and uploads all fail", async () => {
    const { standard } = e2e;
    const dl = `folder=${code}/DOWNLOAD`;
    await expectApiError(standard.rename(`${dl}/edit_v1.mov`, `${dl}/renamed.mov`), /Permission denied/);
    await expectApiError(standard.mkdir(`${dl}/mine`), /Permission denied/);
    await expectApiError(standard.mv(`${dl}/edit_v1.mov`, `${dl}/reels/edit_v1.mov`), /Permission denied/);
    await expectApiError(standard.delete(`${dl}/edit_v1.mov`), /Permission denied/);
    await expectApiError(standard.delete(`${dl}/reels`, { force: true }), /Permission denied/);
    writeFileAt(join(e2e.sandbox("standard-laptop"), "up.txt"), "up");
    await expectApiError(standard.create("Job", { source: "/up.txt", destination: `${dl}/` }), /Permission denied/);
    expect(namesOf(await e2e.admin.ls(dl))).toEqual(["edit_v1.mov", "reels"]);
  });

  it("a write grant on UPLOAD lets the user upload, rename and delete there, but not read or move out", async () => {
    const { admin, standard } = e2e;
    await admin.mkdir(`folder=${code}/UPLOAD`);
    await admin.grant("user", standardId, "folder", folderId, { path: "UPLOAD", read: false, write: true });
    expect(await admin.access("folder", folderId)).toHaveLength(1);
    const up = await standard.create("Job", { source: "/up.txt", destination: `folder=${code}/UPLOAD/`, status: "waiting" });
    await standard.waitFor("Job", up.id, { intervalMs: 10, timeoutMs: 10_000 });
    expect(namesOf(await admin.ls(`folder=${code}/UPLOAD`))).toEqual(["up.txt"]);
    await expectApiError(standard.ls(`folder=${code}/UPLOAD`), /Permission denied/);
    expect(await standard.rename(`folder=${code}/UPLOAD/up.txt`, `folder=${code}/UPLOAD/up2.txt`)).toBe(true);
    expect(await standard.mkdir(`folder=${code}/UPLOAD/sub`)).toBe(true);
    expect(await standard.mv(`folder=${code}/UPLOAD/up2.txt`, `folder=${code}/UPLOAD/sub/up2.txt`)).toBe(true);
    await expectApiError(standard.mv(`folder=${code}/UPLOAD/sub/up2.txt`, `folder=${code}/up2.txt`), /Permission denied/);
    expect(await standard.delete(`folder=${code}/UPLOAD/sub`, { force: true })).toBe(true);
    expect(namesOf(await standard.ls(`folder=${code}`))).toEqual(["DOWNLOAD", "UPLOAD"]);
  });

  it("revoking takes the share away", async () => {
    const { admin, standard } = e2e;
    // The target is taken by id only, as the reference's revoke does (the user may be a code).
    await expect(admin.revoke("user", "standard@acme.test", "folder", code)).rejects.toThrow(/valid entity ID/i);
    expect(await admin.revoke("user", "standard@acme.test", "folder", folderId)).toBe(true);
    expect(await standard.find("Folder")).toEqual([]);
    await expectApiError(standard.ls(`folder=${code}/DOWNLOAD`), /does not exist/);
  });
});
