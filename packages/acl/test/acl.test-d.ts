import { describe, expectTypeOf, it } from "vitest";
import { Session, type Acl, type Party } from "@accsyn/core";
import { acl, grant, type GrantShareResult, type Recipient, type ShareAccess } from "@accsyn/acl";

const AclSession = Session.plugin(acl);
declare const session: InstanceType<typeof AclSession>;
const ID = "0210514fead80bca702f4f81";

describe("Session.plugin(acl)", () => {
  it("types grant, access and revoke by target type", () => {
    expectTypeOf(AclSession.connect()).resolves.toHaveProperty("grant");
    expectTypeOf(session.grant("user", ID, "stream", ID)).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(session.grant("user", ID, "collection", ID, { read: true, write: false })).resolves.toEqualTypeOf<Acl | true>();
    expectTypeOf(session.grant("User", ID, "Folder", ID, { read: true, write: true })).resolves.toEqualTypeOf<boolean | Acl>();
    const dynamicTarget: string = "folder";
    expectTypeOf(session.grant("user", ID, dynamicTarget, ID)).resolves.toEqualTypeOf<boolean | Acl>(); // checked at run time
    expectTypeOf(session.access("home", ID)).resolves.toEqualTypeOf<ShareAccess[]>();
    expectTypeOf(session.access("delivery", ID)).resolves.toEqualTypeOf<Recipient[]>();
    expectTypeOf(session.access("request", ID)).resolves.toEqualTypeOf<Recipient[] | ShareAccess[]>();
    expectTypeOf(session.revoke("user", "bob@partner.example", "delivery", ID)).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(grant(session, "user", ID, "volume", ID, { read: true, write: false, path: "/in" })).resolves.toEqualTypeOf<GrantShareResult>();
    // @ts-expect-error a share grant needs write (the Python client grants it when left out)
    void grant(session, "user", ID, "volume", ID, { read: true, path: "/in" });
    // @ts-expect-error a share grant needs read
    void session.grant("user", ID, "collection", ID, { write: false });
    // @ts-expect-error a share grant needs its data (in any case of the target type)
    void session.grant("User", ID, "Folder", ID);
    // @ts-expect-error read and write are booleans, not null
    void session.grant("user", ID, "home", ID, { read: null, write: true });
    // recipients need neither
    expectTypeOf(session.grant("user", ID, "delivery", ID, { invite: false })).resolves.toEqualTypeOf<boolean>();
    // @ts-expect-error notify is a boolean
    void session.grant("user", ID, "volume", ID, { notify: "yes" });
    // @ts-expect-error acl adds no file methods
    void session.ls("share=a");
  });

  it("types the real answer shapes", () => {
    expectTypeOf<Recipient["actioned"]>().toEqualTypeOf<boolean>();
    expectTypeOf<Recipient["user_hr"]>().toEqualTypeOf<string>();
    expectTypeOf<Acl["entity"]>().toEqualTypeOf<Party>();
    expectTypeOf<Acl["acknowledged"]>().toEqualTypeOf<boolean>();
    expectTypeOf<ShareAccess["acknowledged"]>().toEqualTypeOf<boolean>();
    expectTypeOf<GrantShareResult>().toEqualTypeOf<Acl | true>();
    // @ts-expect-error a recipient has no `code`: it is `user_hr`
    expectTypeOf<Recipient["code"]>().toEqualTypeOf<string>();
    // @ts-expect-error `true` from grant is not an ACL
    const notAnAcl: Acl = true as GrantShareResult;
    void notAnAcl;
  });
});
