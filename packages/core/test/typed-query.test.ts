/** `query("Transfer")`…``: the entity type first, the rest from a template with safely formatted values. */
import { describe, expect, it } from "vitest";
import { AccsynValidationError, query } from "@accsyn/core";

describe("query(entitytype) tag", () => {
  it("prefixes the entity type to the formatted rest", () => {
    const status = "running";
    expect(query("Transfer")`WHERE status=${status}`).toBe("Transfer WHERE status=running");
    expect(query("User")`WHERE code=${"lisa smith@example.com"} AND role in ${["admin", "standard"]}`).toBe('User WHERE code="lisa smith@example.com" AND role in admin,standard');
    expect(query("volume")``).toBe("volume");
  });

  it("refuses an entity type that is not one word, and unsafe values as the bare tag does", () => {
    expect(() => query("Transfer WHERE" as string)).toThrowError(AccsynValidationError);
    expect(() => query("Transfer WHERE" as string)).toThrowError(/pass one word such as "Transfer"/);
    expect(() => query("Transfer")`WHERE code=${"a\\b"}`).toThrowError(/query value #1/);
  });
});
