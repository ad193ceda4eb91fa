import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AccsynApiError, AccsynNotFoundError, AccsynValidationError, Session } from "@accsyn/core";
import { access, acl, CODE_LOOKUP_TYPES, grant, revoke, toShareAccess } from "@accsyn/acl";
import { sessionOptions, sentEvents, startTestServer, type Reply, type TestServer } from "../../../tests/support/test-server.js";

const AclSession = Session.plugin(acl);

const USER = "aee122f076b7f214ca3cb34b";
const DELIVERY = "2da275a835aebeaf9556ae48";
const FOLDER = "ba0092c2457dbca98e1b6377";
const VOLUME = "0210514fead80bca702f4f81";

let server: TestServer;
/** Replies by event uri; anything not listed answers `{ result: true }`. */
let replies: Record<string, Reply>;
let session: InstanceType<typeof AclSession>;

beforeEach(async () => {
  replies = {};
  server = await startTestServer((request) =>
    request.path === "/api/v3/event" ? (replies[request.event.uri] ?? { body: { result: true } }) : undefined,
  );
  session = new AclSession(sessionOptions(server).options);
});

afterEach(async () => {
  session.close();
  await server.close();
});

/** The events sent, reduced to what the vectors pin down. */
const sent = () => sentEvents(server);

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: Error) => error,
  );
}

describe("grant", () => {
  it("adds a user to a delivery's recipients with invite true (grant__user_to_delivery)", async () => {
    expect(await session.grant("user", USER, "delivery", DELIVERY)).toBe(true);
    expect(sent()).toEqual([{ method: "PUT", uri: "job/recipient/add", data: { recipient: USER, invite: true }, id: DELIVERY }]);
  });

  it("sends invite false to requests and streams when asked", async () => {
    await session.grant("user", USER, "Request", DELIVERY, { invite: false });
    await session.grant("user", USER, "stream", DELIVERY);
    expect(sent()).toEqual([
      { method: "PUT", uri: "job/recipient/add", data: { recipient: USER, invite: false }, id: DELIVERY },
      { method: "PUT", uri: "job/recipient/add", data: { recipient: USER, invite: true }, id: DELIVERY },
    ]);
  });

  it("creates an ACL with the data and returns result[0] (grant__user_to_folder_with_data)", async () => {
    replies["acl/create"] = { body: { result: [{ id: "9a4008fef1f5003357f01aec", read: true, write: false }] } };
    const result = await session.grant("user", USER, "folder", FOLDER, {
      read: true,
      write: false,
      message: "Plates are in /incoming",
      path: "/incoming",
    });
    expect(result).toEqual({ id: "9a4008fef1f5003357f01aec", read: true, write: false });
    expect(sent()).toEqual([
      {
        method: "POST",
        uri: "acl/create",
        data: {
          entity: `user:${USER}`,
          target: `share:${FOLDER}`,
          read: true,
          write: false,
          notify: true,
          message: "Plates are in /incoming",
          path: "/incoming",
        },
      },
    ]);
  });

  it("fills the ACL defaults (message, path) and adds invite: false when asked (grant__folder_invite_false_flag, read and write given)", async () => {
    replies["acl/create"] = { body: { result: [{ id: "7f8b48ad264d5193d6284544" }] } };
    const home = "e112e1bfe0d0ff58d1858c35";
    expect(await session.grant("user", USER, "home", home, { read: true, write: true, invite: false, notify: false })).toEqual({ id: "7f8b48ad264d5193d6284544" });
    expect(sent()[0]!.data).toEqual({
      entity: `user:${USER}`,
      target: `share:${home}`,
      read: true,
      write: true,
      notify: false,
      message: "",
      path: "/",
      invite: false,
    });
  });

  it("looks up the user and the share by lowercased code first (grant__by_codes_looks_up_ids)", async () => {
    replies["user/find"] = { body: { result: [{ id: "341a17acf1e4b6b26d5f76e1" }] } };
    replies["volume/find"] = { body: { result: [{ id: VOLUME }] } };
    replies["acl/create"] = { body: { result: [{ id: "9a4008fef1f5003357f01aec" }] } };
    const result = await grant(session, "user", "Carol@Acme.example", "volume", "projects", { read: true, write: true });
    expect(result).toEqual({ id: "9a4008fef1f5003357f01aec" });
    expect(sent()).toEqual([
      { method: "GET", uri: "user/find", data: null, query: "code='carol@acme.example'" },
      { method: "GET", uri: "volume/find", data: null, query: "code='projects'" },
      {
        method: "POST",
        uri: "acl/create",
        data: {
          entity: "user:341a17acf1e4b6b26d5f76e1",
          target: `share:${VOLUME}`,
          read: true,
          write: true,
          notify: true,
          message: "",
          path: "/",
        },
      },
    ]);
  });

  it("invites an unknown e-mail by sending it as the recipient", async () => {
    replies["user/find"] = { body: { result: [] } };
    expect(await session.grant("user", "New@Partner.example", "delivery", DELIVERY)).toBe(true);
    expect(sent()).toEqual([
      { method: "GET", uri: "user/find", data: null, query: "code='new@partner.example'" },
      { method: "PUT", uri: "job/recipient/add", data: { recipient: "new@partner.example", invite: true }, id: DELIVERY },
    ]);
  });

  it("invites an unknown e-mail to a share as user:<e-mail>", async () => {
    replies["user/find"] = { body: { result: [] } };
    replies["acl/create"] = { body: { result: [{ id: "9a4008fef1f5003357f01aec" }] } };
    await session.grant("user", "new@partner.example", "folder", FOLDER, { read: true, write: true });
    expect(sent()[1]).toMatchObject({ uri: "acl/create", data: { entity: "user:new@partner.example", target: `share:${FOLDER}` } });
  });

  it("fails after the look-up for an unknown code with invite false (grant__invite_false_unknown_code)", async () => {
    replies["user/find"] = { body: { result: [] } };
    const error = await rejection(session.grant("user", "nobody@acme.example", "delivery", DELIVERY, { invite: false }));
    expect(error).toBeInstanceOf(AccsynApiError);
    expect(error.message).toBe("No user found with code 'nobody@acme.example', and invite is not allowed! Check the e-mail, or leave invite on to invite them.");
    expect(sent()).toEqual([{ method: "GET", uri: "user/find", data: null, query: "code='nobody@acme.example'" }]);
  });

  it("fails for an unknown target code (grant__target_code_not_found)", async () => {
    replies["collection/find"] = { body: { result: [] } };
    const error = await rejection(session.grant("user", USER, "collection", "Missing-Collection", { read: true, write: false }));
    expect(error).toBeInstanceOf(AccsynApiError);
    expect(error.message).toBe("No collection found with code 'missing-collection'! Check the code, or give the collection's id.");
    expect(sent()).toEqual([{ method: "GET", uri: "collection/find", data: null, query: "code='missing-collection'" }]);
  });

  it("takes the first match when a code matches several entities, as the reference does", async () => {
    replies["volume/find"] = { body: { result: [{ id: VOLUME }, { id: FOLDER }] } };
    await session.grant("user", USER, "volume", "projects", { read: true, write: false });
    expect(sent().map((e) => e.uri)).toEqual(["volume/find", "acl/create"]);
    expect((sent()[1]?.data as { target: string }).target).toBe(`share:${VOLUME}`);
  });

  it("reads ids trimmed and lower-cased: an upper-case hex id is an id, not a code", async () => {
    await session.grant("user", ` ${USER.toUpperCase()} `, "Folder", FOLDER.toUpperCase(), { read: true, write: false });
    expect(sent()).toEqual([
      {
        method: "POST",
        uri: "acl/create",
        data: { entity: `user:${USER}`, target: `share:${FOLDER}`, read: true, write: false, notify: true, message: "", path: "/" },
      },
    ]);
  });

  it("sends a field given as null (notify, message, path, invite) as null, and leaves out only fields not given", async () => {
    await session.grant("user", USER, "folder", FOLDER, { read: false, write: true, notify: null, message: null, path: null });
    await session.grant("user", USER, "delivery", DELIVERY, { invite: null });
    expect(sent()).toEqual([
      {
        method: "POST",
        uri: "acl/create",
        data: { entity: `user:${USER}`, target: `share:${FOLDER}`, read: false, write: true, notify: null, message: null, path: null },
      },
      { method: "PUT", uri: "job/recipient/add", data: { recipient: USER, invite: null }, id: DELIVERY },
    ]);
  });

  it("warns and invites an unknown user e-mail, lower-cased", async () => {
    replies["user/find"] = { body: { result: [] } };
    await session.grant("user", "New@Partner.example", "delivery", DELIVERY);
    expect(sent()).toEqual([
      { method: "GET", uri: "user/find", data: null, query: "code='new@partner.example'" },
      { method: "PUT", uri: "job/recipient/add", data: { recipient: "new@partner.example", invite: true }, id: DELIVERY },
    ]);
  });

  it("looks a code up before judging the pair, as the reference does", async () => {
    replies["site/find"] = { body: { result: [{ id: VOLUME }] } };
    const error = await rejection(session.grant("site", "HQ", "folder", FOLDER, { read: true, write: false }));
    expect(error).toBeInstanceOf(AccsynValidationError);
    expect(error.message).toMatch(/^Unsupported grant access operation!/);
    expect(sent()).toEqual([{ method: "GET", uri: "site/find", data: null, query: "code='hq'" }]);
  });

  it("looks codes up for exactly the types with unique codes", () => {
    expect([...CODE_LOOKUP_TYPES].sort()).toEqual(
      ["collection", "engine", "folder", "home", "queue", "share", "site", "user", "volume", "workspace"],
    );
  });

  const invalid: Array<[string, Parameters<typeof grant>, RegExp]> = [
    ["a code for a type without unique codes (grant__non_unique_entity_code_rejected)", [null as never, "job", "dailies-042", "delivery", DELIVERY], /^Please supply a valid job ID!/],
    ["an unsupported target (grant__unsupported_target)", [null as never, "user", USER, "job", "bf4eef818716bafab22ac70a"], /^Unsupported grant access operation!/],
    ["an unsupported entity type", [null as never, "site", VOLUME, "folder", FOLDER, { read: true, write: false }], /^Unsupported grant access operation!/],
    [
      "a share grant without write, the user given by code (the Python client would grant write)",
      [null as never, "user", "Bob@Partner.example", "folder", FOLDER, { read: true, path: "/incoming" }],
      /^Granting access to a folder needs read and write given as true or false, e\.g\. \{ read: true, write: false \} \(read-only\) or \{ read: true, write: true \} \(read\/write\); got no write\. Neither is assumed: the Python client grants write when write is left out\.$/,
    ],
    ["a share grant without read (any case of the type)", [null as never, "user", USER, " Volume ", VOLUME, { write: true }], /^Granting access to a volume needs read and write .*; got no read\./],
    ["a share grant with neither, only other fields", [null as never, "user", USER, "collection", FOLDER, { notify: false }], /^Granting access to a collection needs read and write .*; got no read, no write\./],
    ["read and write that are not booleans", [null as never, "user", USER, "home", FOLDER, { read: null, write: "yes" as never }], /^Granting access to a home needs read and write .*; got read null, write "yes"\./],
    ["a share without data (grant__volume_without_data_rejected)", [null as never, "user", USER, "volume", VOLUME], /^Invalid grant access data supplied, must be an object with values!/],
    ["a share with empty data", [null as never, "user", USER, "folder", FOLDER, {}], /^Invalid grant access data supplied, must be an object with values!/],
    ["data that is not an object", [null as never, "user", USER, "delivery", DELIVERY, "read" as never], /^Invalid grant access data supplied/],
    ["a delivery given by code", [null as never, "user", USER, "delivery", "reel2"], /^Please supply a valid delivery ID!/],
    ["an empty user", [null as never, "user", "", "delivery", DELIVERY], /non-empty string/],
    ["an empty entity type", [null as never, " ", USER, "delivery", DELIVERY], /non-empty string/],
  ];
  for (const [label, args, message] of invalid) {
    it(`refuses ${label} before sending anything`, async () => {
      const [, ...rest] = args;
      const error = await rejection(grant(session, ...rest));
      expect(error).toBeInstanceOf(AccsynValidationError);
      expect(error.message).toMatch(message);
      expect(server.requests).toEqual([]);
    });
  }
});

describe("access", () => {
  it("lists a delivery's recipients as the backend answers them (access__delivery)", async () => {
    replies["job/recipients"] = {
      body: { result: [{ actioned: true, user: USER, user_hr: "bob@partner.example" }, { actioned: false, user: FOLDER, user_hr: "carol@acme.example" }] },
    };
    const result = await session.access("delivery", DELIVERY);
    expect(result).toEqual([
      { actioned: true, user: USER, user_hr: "bob@partner.example" },
      { actioned: false, user: FOLDER, user_hr: "carol@acme.example" },
    ]);
    expect(result[0]?.user_hr).toBe("bob@partner.example");
    expect(sent()).toEqual([{ method: "GET", uri: "job/recipients", data: {}, id: DELIVERY }]);
  });

  it("reads the target id trimmed and lower-cased, and sends recursive null as null", async () => {
    replies["acl/find"] = { body: { result: [] } };
    await session.access("Delivery", ` ${DELIVERY.toUpperCase()} `);
    await session.access("folder", FOLDER.toUpperCase(), { recursive: null });
    expect(sent()).toEqual([
      { method: "GET", uri: "job/recipients", data: {}, id: DELIVERY },
      { method: "GET", uri: "acl/find", data: { recursive: null }, query: `acl WHERE target=share:${FOLDER}` },
    ]);
  });

  it("lists recipients of deliveries only, as the reference does", async () => {
    const error = await rejection(session.access("request", DELIVERY));
    expect(error).toBeInstanceOf(AccsynValidationError);
    expect(error.message).toMatch(/^Unsupported access operation!/);
    expect(server.requests).toEqual([]);
  });

  it("maps a share's ACLs, recursively when asked (access__volume_recursive_maps_acls)", async () => {
    replies["acl/find"] = {
      body: {
        result: [
          { id: "6c352b6353dea9428ad3c2f9", entity: `user:${USER}`, target: `share:${VOLUME}`, entity_hr: "bob@partner.example", target_hr: "projects", read: true, write: false, acknowledged: true, path: "/incoming" },
          { id: "dadec2b16ba0199ec9d39e64", entity: "user:46db3fd13482dfe57a4327f2", target: "share:90a3bea5bbd0e43417aca593", entity_hr: "carol@acme.example", target_hr: "projects/sub", read: true, write: true },
        ],
      },
    };
    const result = await session.access("volume", VOLUME, { recursive: true });
    expect(sent()).toEqual([{ method: "GET", uri: "acl/find", data: { recursive: true }, query: `acl WHERE target=share:${VOLUME}` }]);
    expect(result).toEqual([
      { user: USER, user_hr: "bob@partner.example", share: VOLUME, share_hr: "projects", read: true, write: false, acknowledged: true, path: "/incoming" },
      { user: "46db3fd13482dfe57a4327f2", user_hr: "carol@acme.example", share: "90a3bea5bbd0e43417aca593", share_hr: "projects/sub", read: true, write: true, acknowledged: false, path: "/" },
    ]);
  });

  it("fills defaults for missing fields and lowercases the type (access__folder_defaults_for_missing_fields)", async () => {
    replies["acl/find"] = { body: { result: [{ id: "6c352b6353dea9428ad3c2f9", entity: `user:${USER}`, target: `share:${FOLDER}`, read: false, write: true }] } };
    const result = await access(session, "Folder", FOLDER);
    expect(sent()).toEqual([{ method: "GET", uri: "acl/find", data: { recursive: false }, query: `acl WHERE target=share:${FOLDER}` }]);
    expect(result).toEqual([{ user: USER, user_hr: "", share: FOLDER, share_hr: "", read: false, write: true, acknowledged: false, path: "/" }]);
  });

  it("maps an ACL without read/write to false", () => {
    expect(toShareAccess({ entity: "user:a", target: "share:b" })).toMatchObject({ read: false, write: false });
  });

  it("refuses an invalid id (access__invalid_id) and an unsupported type (access__unsupported)", async () => {
    const invalidId = await rejection(session.access("volume", "projects"));
    expect(invalidId).toBeInstanceOf(AccsynValidationError);
    expect(invalidId.message).toMatch(/^Please supply a valid entity ID!/);
    const unsupported = await rejection(session.access("user", USER));
    expect(unsupported).toBeInstanceOf(AccsynValidationError);
    expect(unsupported.message).toMatch(/^Unsupported access operation!/);
    expect(server.requests).toEqual([]);
  });
});

describe("revoke", () => {
  it("removes a delivery recipient (revoke__user_from_delivery)", async () => {
    expect(await session.revoke("user", USER, "delivery", DELIVERY)).toBe(true);
    expect(sent()).toEqual([{ method: "DELETE", uri: "job/recipient", data: { recipient: USER }, id: DELIVERY }]);
  });

  it("looks the user up by lowercased code first (revoke__user_by_code)", async () => {
    replies["user/find"] = { body: { result: [{ id: USER }] } };
    expect(await revoke(session, "user", "Bob@Partner.example", "delivery", DELIVERY)).toBe(true);
    expect(sent()).toEqual([
      { method: "GET", uri: "user/find", data: null, query: "code='bob@partner.example'" },
      { method: "DELETE", uri: "job/recipient", data: { recipient: USER }, id: DELIVERY },
    ]);
  });

  it("finds the ACL and deletes it (revoke__user_from_folder)", async () => {
    replies["acl/find"] = { body: { result: [{ id: "6c352b6353dea9428ad3c2f9", entity: `user:${USER}`, target: `share:${FOLDER}`, read: true, write: true }] } };
    expect(await session.revoke("user", USER, "folder", FOLDER)).toBe(true);
    expect(sent()).toEqual([
      { method: "GET", uri: "acl/find", data: {}, query: `acl WHERE entity=user:${USER} AND target=share:${FOLDER}` },
      { method: "DELETE", uri: "acl/delete", data: {}, id: "6c352b6353dea9428ad3c2f9" },
    ]);
  });

  it("takes the target by id only (no code look-up), after looking the user up", async () => {
    replies["user/find"] = { body: { result: [{ id: USER }] } };
    const error = await rejection(session.revoke("User", "Bob@Partner.example", "Folder", "Plates"));
    expect(error).toBeInstanceOf(AccsynValidationError);
    expect(error.message).toMatch(/^Please supply a valid entity ID!/);
    expect(sent()).toEqual([{ method: "GET", uri: "user/find", data: null, query: "code='bob@partner.example'" }]);
  });

  it("reads ids trimmed and lower-cased, and answers false when the backend does", async () => {
    replies["job/recipient"] = { body: { result: false } };
    expect(await session.revoke("user", USER.toUpperCase(), "delivery", ` ${DELIVERY.toUpperCase()}`)).toBe(false);
    expect(sent()).toEqual([{ method: "DELETE", uri: "job/recipient", data: { recipient: USER }, id: DELIVERY }]);
  });

  it("handles recipients of deliveries only, as the reference does", async () => {
    const error = await rejection(session.revoke("user", USER, "stream", DELIVERY));
    expect(error).toBeInstanceOf(AccsynValidationError);
    expect(error.message).toMatch(/^Unsupported revoke access operation!/);
    expect(server.requests).toEqual([]);
  });

  it("fails when no ACL matches (revoke__no_acl_found)", async () => {
    const collection = "0748a5a1b1109666ca9323a5";
    replies["acl/find"] = { body: { result: [] } };
    const error = await rejection(session.revoke("user", USER, "collection", collection));
    expect(error).toBeInstanceOf(AccsynApiError);
    expect(error).toBeInstanceOf(AccsynNotFoundError);
    expect(error.message).toBe(`No ACL found for user ${USER} and share ${collection}: the user has no access there to revoke. See who has access with access("collection", "${collection}").`);
    expect(sent()).toEqual([{ method: "GET", uri: "acl/find", data: {}, query: `acl WHERE entity=user:${USER} AND target=share:${collection}` }]);
  });

  it("fails for an unknown user code (revoke__code_not_found)", async () => {
    replies["user/find"] = { body: { result: [] } };
    const error = await rejection(session.revoke("user", "ghost@acme.example", "delivery", DELIVERY));
    expect(error).toBeInstanceOf(AccsynApiError);
    expect(error).toBeInstanceOf(AccsynNotFoundError);
    expect(error.message).toBe("No user found with code 'ghost@acme.example'. Check the code, or give the user's id.");
    expect(sent()).toHaveLength(1);
  });

  it("refuses a bad target id (revoke__invalid_target_id) and an unsupported pair (revoke__unsupported)", async () => {
    const badId = await rejection(session.revoke("user", USER, "delivery", "reel2-delivery"));
    expect(badId).toBeInstanceOf(AccsynValidationError);
    expect(badId.message).toMatch(/^Please supply a valid entity ID!/);
    const unsupported = await rejection(session.revoke("user", USER, "job", "bf4eef818716bafab22ac70a"));
    expect(unsupported).toBeInstanceOf(AccsynValidationError);
    expect(unsupported.message).toMatch(/^Unsupported revoke access operation!/);
    const badUser = await rejection(session.revoke("job", "dailies", "delivery", DELIVERY));
    expect(badUser.message).toMatch(/^Please supply a valid job ID!/);
    expect(server.requests).toEqual([]);
  });
});
