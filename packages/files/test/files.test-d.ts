import { describe, expectTypeOf, it } from "vitest";
import { Session, type FileEntry } from "@accsyn/core";
import { files, getSize, ls, walkFiles, type LsResult, type PathResult, type SizeResult, type WalkedEntry } from "@accsyn/files";

const FileSession = Session.plugin(files);
declare const session: InstanceType<typeof FileSession>;

describe("Session.plugin(files)", () => {
  it("adds the file methods, typed, to a core session", () => {
    expectTypeOf(FileSession.connect()).resolves.toHaveProperty("ls");
    expectTypeOf(session).toMatchTypeOf<Session>();
    expectTypeOf(session.ls("share=a")).resolves.toEqualTypeOf<FileEntry[]>();
    expectTypeOf(session.exists(["share=a", "share=b"])).resolves.toEqualTypeOf<PathResult<boolean>[]>();
    expectTypeOf(session.getsize("share=a", { exclude: ["*.tmp"] })).resolves.toEqualTypeOf<number>();
    expectTypeOf(session.getSize(["share=a"])).resolves.toEqualTypeOf<PathResult<number>[]>();
    // @ts-expect-error files adds no entity methods
    void session.find("Job");
  });

  it("types the standalone functions like the methods", () => {
    expectTypeOf(ls(session, ["share=a"])).resolves.toEqualTypeOf<PathResult<LsResult>[]>();
    expectTypeOf(getSize(session, { share: "x", path: "y" })).resolves.toEqualTypeOf<SizeResult>();
    // @ts-expect-error filters are strings
    void ls(session, "share=a", { include: 3 });
  });

  it("types the real ls entries", () => {
    expectTypeOf<LsResult>().toEqualTypeOf<FileEntry[]>();
    expectTypeOf<SizeResult>().toEqualTypeOf<number>();
    expectTypeOf<FileEntry["type"]>().toEqualTypeOf<0 | 1>();
    expectTypeOf<FileEntry["modified"]>().toEqualTypeOf<Date>();
    expectTypeOf<FileEntry["size"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<FileEntry["files"]>().toEqualTypeOf<FileEntry[] | undefined>();
    expectTypeOf(walkFiles([])).toEqualTypeOf<Generator<WalkedEntry, void, undefined>>();
    expectTypeOf<WalkedEntry["entry"]>().toEqualTypeOf<FileEntry>();
    expectTypeOf(session.ls("share=a", { recursive: null })).resolves.toEqualTypeOf<FileEntry[]>();
    // @ts-expect-error the old { files } shape is gone: an ls answer is a list
    void ((await_: LsResult) => await_.files);
  });
});
