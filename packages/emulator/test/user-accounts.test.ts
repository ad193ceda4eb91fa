import { describe, expect, it } from "vitest";
import { emulatorForFile, RawClient } from "./client.js";

const file = emulatorForFile({ jobs: { run: false } });

const loginStatus = async (username: string, apiKey: string): Promise<number> => (await new RawClient(file.emu, username, apiKey).login()).status;

describe("users are accounts kept centrally", () => {
  // Evidence: reference doc/users.rst "Delete" — "The user will be removed from your workspace, but kept centrally in
  // accsyn platform … accsyn user account information are ontouched"; tests/test_delivery.py test_prepare_deliveries
  // deletes the employee and standard users and invites them again, then logs in with the same .env keys.
  it("gives a deleted user invited again the same id and API key", async () => {
    const employee = file.emu.users.find((u) => u.role === "employee");
    if (!employee) throw new Error("demo seed has no employee");
    expect((await file.as.admin.call("DELETE", "user/delete", {}, { id: employee.id })).body).toEqual({ result: true });
    expect(await loginStatus(employee.username, employee.apiKey)).toBe(401);
    const again = await file.as.admin.create("user", { code: employee.username, role: "employee" });
    expect(again.id).toBe(employee.id);
    expect(await loginStatus(employee.username, employee.apiKey)).toBe(200);
  });

  // Evidence: reference tests/test_filesharing.py test_cleanup_filesharing + test_create_shared_folders_and_grant
  // (the standard user is deleted, then invited by a grant, then logs in with its .env key).
  it("gives the same account back when the user is invited by a grant or as a delivery recipient", async () => {
    const standard = file.emu.users.find((u) => u.role === "standard");
    if (!standard) throw new Error("demo seed has no standard user");
    await file.as.admin.call("DELETE", "user/delete", {}, { id: standard.id });
    const folder = await file.as.admin.create("folder", { name: "Handover" });
    await file.as.admin.create("acl", { entity: `user:${file.as.standard.username}`, target: `share:${String(folder.id)}`, read: true });
    expect((await file.as.admin.find("user", `code='${file.as.standard.username}'`))[0]?.id).toBe(standard.id);
    expect(await loginStatus(file.as.standard.username, standard.apiKey)).toBe(200);

    await file.as.admin.call("DELETE", "user/delete", {}, { id: standard.id });
    const delivery = await file.as.admin.create("delivery", { name: "Back again" });
    await file.as.admin.call("PUT", "job/recipient/add", { recipient: file.as.standard.username }, { id: String(delivery.id) });
    expect(await loginStatus(file.as.standard.username, standard.apiKey)).toBe(200);
  });

  // Evidence: reference doc/users.rst "Delete" — "Related user home share will also be deleted."
  it("deletes the home share of a deleted user", async () => {
    const user = await file.as.admin.create("user", { code: "leaver@acme.test", create_home_share: true });
    expect((await file.as.admin.find("home")).some((h) => h.user === user.id)).toBe(true);
    await file.as.admin.call("DELETE", "user/delete", {}, { id: String(user.id) });
    expect((await file.as.admin.find("home")).some((h) => h.user === user.id)).toBe(false);
  });

  // Evidence: reference doc/users.rst "Offline" — a deactivated user is "eglible for audit & restore if you again
  // create/invite a user with the same identification (code)"; "Offlining a user also causes user home share to be
  // put offline together with ACLs".
  it("restores a deactivated user invited again, with its home and ACLs", async () => {
    const user = await file.as.admin.create("user", { code: "sabbatical@acme.test", create_home_share: true, give_default_volume_access: true });
    const acls = async (): Promise<number> => (await file.as.admin.find("acl")).filter((a) => a.entity === `user:${String(user.id)}`).length;
    expect(await acls()).toBe(1);
    expect((await file.as.admin.call("DELETE", "user/deactivate", {}, { id: String(user.id) })).body).toEqual({ result: true });
    expect(await acls()).toBe(0);
    expect((await file.as.admin.find("home")).some((h) => h.user === user.id)).toBe(false);
    const back = await file.as.admin.create("user", { code: "sabbatical@acme.test" });
    expect(back.id).toBe(user.id);
    expect(await acls()).toBe(1);
    expect((await file.as.admin.find("home")).some((h) => h.user === user.id)).toBe(true);
  });
});
