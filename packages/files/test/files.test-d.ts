import { describe, expectTypeOf, it } from "vitest";
import { Session } from "@accsyn/core";
import { files, getSize, ls, type LsResult, type PathResult, type SizeResult } from "@accsyn/files";

const FileSession = Session.plugin(files);
declare const session: InstanceType<typeof FileSession>;

describe("Session.plugin(files)", () => {
  it("adds the file methods, typed, to a core session", () => {
    expectTypeOf(FileSession.connect()).resolves.toHaveProperty("ls");
    expectTypeOf(session).toMatchTypeOf<Session>();
    expectTypeOf(session.ls("share=a")).resolves.toEqualTypeOf<LsResult>();
    expectTypeOf(session.exists(["share=a", "share=b"])).resolves.toEqualTypeOf<PathResult<boolean>[]>();
    expectTypeOf(session.getsize("share=a", { exclude: ["*.tmp"] })).resolves.toEqualTypeOf<SizeResult>();
    // @ts-expect-error files adds no entity methods
    void session.find("Job");
  });

  it("types the standalone functions like the methods", () => {
    expectTypeOf(ls(session, ["share=a"])).resolves.toEqualTypeOf<PathResult<LsResult>[]>();
    expectTypeOf(getSize(session, { share: "x", path: "y" })).resolves.toEqualTypeOf<SizeResult>();
    // @ts-expect-error filters are strings
    void ls(session, "share=a", { include: 3 });
  });
});
