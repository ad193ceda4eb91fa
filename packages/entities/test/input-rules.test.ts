/**
 * The reference client's input rules for ids (lower-cased and trimmed before they are judged, or
 * not), against a real local server.
 */
import { AccsynValidationError } from "@accsyn/core";
import { afterEach, describe, expect, it } from "vitest";
import { harness, type Harness } from "./harness.js";

const COLLECTION = "0748a5a1b1109666ca9323a5";
const FILE = "1e50dcf1-5b20-4d97-b955-cae65ca58cb9";
let h: Harness | undefined;

afterEach(async () => {
  h?.session.close();
  await h?.server.close();
  h = undefined;
});

describe("ids as the reference judges them", () => {
  it("activateOne trims and lower-cases first: an upper-case hex id is an id, a code is a lower-cased query", async () => {
    h = await harness(() => ({ body: { result: true } }));
    expect(await h.session.activateOne("User", ` ${COLLECTION.toUpperCase()} `)).toBe(true);
    await h.session.activateOne("user", " Bob@Partner.example ");
    expect(h.sent()).toEqual([
      { method: "POST", uri: "user/activate", data: {}, id: COLLECTION },
      { method: "POST", uri: "user/activate", data: {}, query: "bob@partner.example" },
    ]);
  });

  it("judges ids as 24 lower-case letters or digits, as the reference's check does", async () => {
    h = await harness(() => ({ body: { result: true } }));
    await h.session.activateOne("user", "abcdefghijklmnopqrstuvwx");
    expect(h.sent()).toEqual([{ method: "POST", uri: "user/activate", data: {}, id: "abcdefghijklmnopqrstuvwx" }]);
  });

  it("getEntity, deleteMany and updateMany take the id as given: upper case is refused before sending", async () => {
    h = await harness(() => ({ body: { result: [] } }));
    await expect(h.session.getEntity("job", COLLECTION.toUpperCase())).rejects.toThrow(/^Invalid entity ID supplied!/);
    await expect(h.session.deleteMany("collection", COLLECTION.toUpperCase(), { files: [FILE] })).rejects.toThrow(/^Invalid parent entity ID supplied!/);
    await expect(h.session.updateMany("task", COLLECTION.toUpperCase(), [{ uri: "0", status: "onhold" }])).rejects.toThrow(/^Invalid parent entity ID supplied!/);
    expect(h.sent()).toEqual([]);
  });
});

describe("deleteMany (collection files)", () => {
  it("removes files by their ids and answers the backend's boolean (delete_many__collection_files)", async () => {
    h = await harness(() => ({ body: { result: false } }));
    expect(await h.session.deleteMany("Collection", COLLECTION, { files: [FILE] })).toBe(false);
    expect(h.sent()).toEqual([{ method: "DELETE", uri: "collection/file/remove", data: { files: [FILE] }, id: COLLECTION }]);
  });

  it("checks the id, then the data, then the type, as the reference does", async () => {
    h = await harness(() => undefined);
    const refused = async (promise: Promise<unknown>, message: RegExp) => {
      const error = await promise.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(AccsynValidationError);
      expect((error as Error).message).toMatch(message);
    };
    await refused(h.session.deleteMany("job", "nope", {}), /^Invalid parent entity ID supplied!/);
    await refused(h.session.deleteMany("job", COLLECTION, {}), /^Invalid data supplied, must be dict and have content!/);
    await refused(h.session.deleteMany("job", COLLECTION, { files: [FILE] }), /^Unsupported entity type for deletion: job/);
    expect(h.sent()).toEqual([]);
  });
});

describe("answers", () => {
  it("create of collection files answers the added file (create__file_uses_add_uri)", async () => {
    const added = { created: "2026-02-05T09:00:00", id: FILE, path: "share=assets/plates/plate_0001.exr" };
    h = await harness(() => ({ body: { result: [added] } }));
    const file = await h.session.create("file", { files: ["share=assets/plates/plate_0001.exr"] }, { entityId: COLLECTION });
    expect(file).toEqual({ ...added, created: new Date("2026-02-05T09:00:00Z") });
    expect(file.id).toBe(FILE);
    expect(h.sent()).toEqual([{ method: "POST", uri: "file/add", data: { files: ["share=assets/plates/plate_0001.exr"] }, id: COLLECTION }]);
  });

  it("keeps queue dates with an offset as strings, and ObjectId: in list items", async () => {
    h = await harness(() => ({
      body: {
        result: [{ id: "3c1f503f819a322a3c1fa854", created: "2026-02-09T09:17:45+01:00", modified: "2026-02-09T09:17:45", refs: ["ObjectId:3c1f503f819a322a3c1fa854"], owner: "ObjectId:3c1f503f819a322a3c1fa854" }],
      },
    }));
    const [queue] = await h.session.find("queue");
    expect(queue?.created).toBe("2026-02-09T09:17:45+01:00");
    expect(queue?.modified).toEqual(new Date("2026-02-09T09:17:45Z"));
    expect(queue?.refs).toEqual(["ObjectId:3c1f503f819a322a3c1fa854"]);
    expect(queue?.owner).toBe("3c1f503f819a322a3c1fa854");
  });
});
