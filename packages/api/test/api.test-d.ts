import { describe, expectTypeOf, it } from "vitest";
import {
  Session,
  type AccessOptions,
  type AccsynApiError,
  type AccsynError,
  type AccsynNetworkError,
  type AccsynProtocolError,
  type AccsynValidationError,
  type Acl,
  type CallOptions,
  type DeleteOptions,
  type FileEntry,
  type GetSettingOptions,
  type GetSettingsOptions,
  type GetSizeOptions,
  type GrantData,
  type LogsAnswer,
  type LogsOptions,
  type LsOptions,
  type LsResult,
  type PathResult,
  type Recipient,
  type SessionOptions,
  type ShareAccess,
  type SizeResult,
  type Transfer,
  type Volume,
  type WalkedEntry,
  isDirectory,
  walkFiles,
} from "@accsyn/api";
import { Session as CoreSession } from "@accsyn/core";

declare const session: Session;
const ID = "0210514fead80bca702f4f81";

describe("@accsyn/api Session type", () => {
  it("connect resolves to the full session", () => {
    expectTypeOf(Session.connect()).resolves.toEqualTypeOf<Session>();
    expectTypeOf(Session.connect({ workspace: "acme" })).resolves.toHaveProperty("ls");
    expectTypeOf(new Session()).toEqualTypeOf<Session>();
    expectTypeOf<Session>().toMatchTypeOf<CoreSession>();
    const options: SessionOptions = { workspace: "acme", protocol: "http" };
    expectTypeOf(new Session(options).grant).toBeFunction();
  });

  it("keeps the static methods", () => {
    expectTypeOf(Session.dump).returns.toBeString();
    expectTypeOf(Session.str).returns.toBeString();
    expectTypeOf(Session.getHostname).returns.toBeString();
  });

  it("types entity methods from the query and the entity type", () => {
    expectTypeOf(session.find("Transfer WHERE status=done")).resolves.toEqualTypeOf<Transfer[]>();
    expectTypeOf(session.findOne("Volume WHERE default=True")).resolves.toEqualTypeOf<Volume | null>();
  });

  it("types file methods by the kind of path", () => {
    expectTypeOf(session.ls("share=projects")).resolves.toEqualTypeOf<FileEntry[]>();
    expectTypeOf(session.ls(["share=a", "share=b"])).resolves.toEqualTypeOf<PathResult<FileEntry[]>[]>();
    expectTypeOf(session.ls({ share: ID, path: "shots" })).resolves.toEqualTypeOf<LsResult>();
    expectTypeOf<LsResult>().toEqualTypeOf<FileEntry[]>();
    expectTypeOf(session.getSize("share=a")).resolves.toEqualTypeOf<number>();
    expectTypeOf(session.getSize(["share=a"])).resolves.toEqualTypeOf<PathResult<SizeResult>[]>();
    expectTypeOf(isDirectory).parameter(0).toMatchTypeOf<Pick<FileEntry, "type">>();
    expectTypeOf(walkFiles).returns.toEqualTypeOf<Generator<WalkedEntry, void, undefined>>();
    expectTypeOf(session.getsize).toEqualTypeOf(session.getSize);
    expectTypeOf(session.exists("share=a")).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(session.mkdir("share=a/b")).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(session.rename("share=a/b", "share=a/c")).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(session.mv("share=a/b", "share=c/b")).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(session.delete("share=a/b", { force: true })).resolves.toEqualTypeOf<boolean>();
    expectTypeOf<LsOptions>().toMatchTypeOf<CallOptions>();
    expectTypeOf<GetSizeOptions>().toHaveProperty("include");
    expectTypeOf<DeleteOptions>().toHaveProperty("force");
    // @ts-expect-error a number is not a path
    void session.ls(42);
    // @ts-expect-error Python option names are not accepted
    void session.ls("share=a", { maxdepth: 2 });
    // @ts-expect-error rename needs the new path
    void session.rename("share=a/b");
  });

  it("types access by the target type", () => {
    expectTypeOf(session.grant("user", ID, "delivery", ID)).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(session.grant("user", ID, "folder", ID, { read: true, write: false })).resolves.toEqualTypeOf<Acl | true>();
    // @ts-expect-error a share grant names write (the Python client grants it when left out)
    void session.grant("user", ID, "folder", ID, { read: true });
    expectTypeOf(session.access("volume", ID, { recursive: true })).resolves.toEqualTypeOf<ShareAccess[]>();
    expectTypeOf(session.access("delivery", ID)).resolves.toEqualTypeOf<Recipient[]>();
    expectTypeOf(session.revoke("user", ID, "folder", ID)).resolves.toEqualTypeOf<boolean>();
    expectTypeOf<GrantData>().toHaveProperty("invite");
    expectTypeOf<AccessOptions>().toHaveProperty("recursive");
    // @ts-expect-error ACL fields have fixed types
    void session.grant("user", ID, "folder", ID, { read: "yes", write: false });
  });

  it("types settings", () => {
    expectTypeOf(session.getSetting("transfer_speedlimit")).resolves.toEqualTypeOf<string | null>();
    expectTypeOf(session.getSetting("my_custom_setting")).resolves.toBeUnknown();
    expectTypeOf(session.getSettings()).resolves.toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf(session.setSetting("workspace", "x", "1")).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(session.deleteSetting("workspace", "x")).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(session.logs({ sortReverse: true })).resolves.toEqualTypeOf<LogsAnswer>();
    expectTypeOf<GetSettingOptions>().toHaveProperty("integration");
    expectTypeOf<GetSettingsOptions>().toHaveProperty("omitDefaults");
    expectTypeOf<LogsOptions>().toHaveProperty("page");
    // @ts-expect-error setting values are strings: JSON-encode objects
    void session.setSetting("workspace", "x", { a: 1 });
    // @ts-expect-error setting values are strings
    void session.setSetting("workspace", "x", 250);
  });

  it("re-exports the errors", () => {
    expectTypeOf<AccsynValidationError>().toMatchTypeOf<AccsynError>();
    expectTypeOf<AccsynApiError>().toMatchTypeOf<AccsynError>();
    expectTypeOf<AccsynNetworkError>().toMatchTypeOf<AccsynError>();
    expectTypeOf<AccsynProtocolError>().toMatchTypeOf<AccsynError>();
  });
});
