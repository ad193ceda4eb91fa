import { describe, expect, it } from "vitest";
import { emulatorForFile } from "./client.js";

const file = emulatorForFile({ jobs: { run: false } });

describe("deliveries and their recipients", () => {
  // Evidence: reference tests/test_delivery.py test_read_temp_delivery_as_admin (a delivery has "public");
  // accsyn doc docs/delivery/index.md "Public link" (a delivery can be created as public).
  it("carry public: false unless created public, and public must be a boolean", async () => {
    const plain = await file.as.admin.create("delivery", { name: "Plain" });
    expect(plain.public).toBe(false);
    const open = await file.as.admin.create("delivery", { name: "Open", public: true });
    expect(open.public).toBe(true);
    const bad = await file.as.admin.call("POST", "delivery/create", { name: "Bad", public: "yes" });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toMatch(/public/);
    const edited = await file.as.admin.call("PUT", "delivery/edit", { public: true }, { id: String(plain.id) });
    expect((edited.body.result as Record<string, unknown>[])[0]?.public).toBe(true);
  });

  // Evidence: reference tests/test_delivery.py test_pause_temp_delivery_as_standard (update to "aborted" raises) and
  // test_delete_temp_delivery_as_standard (delete_one raises), with the standard user a recipient of the delivery.
  it("let a standard recipient read a delivery but not pause, abort or delete it", async () => {
    const delivery = await file.as.admin.create("delivery", { name: "For review" });
    const id = String(delivery.id);
    await file.as.admin.call("PUT", "job/recipient/add", { recipient: file.as.standard.username }, { id });
    expect((await file.as.standard.find("delivery")).map((d) => d.id)).toContain(id);
    for (const status of ["paused", "aborted"]) {
      const a = await file.as.standard.call("PUT", "delivery/edit", { status }, { id });
      expect(a.status).toBe(403);
    }
    expect((await file.as.standard.call("DELETE", "delivery/delete", {}, { id })).status).toBe(403);
    expect((await file.as.admin.call("PUT", "delivery/edit", { status: "aborted" }, { id })).status).toBe(200);
    expect((await file.as.admin.call("DELETE", "delivery/delete", {}, { id })).body).toEqual({ result: true });
  });
});
