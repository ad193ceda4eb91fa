/**
 * Compile-time guarantees of `watch`: events typed from the query's first word, like `find`.
 */
import { Session, type Entity, type Transfer, type User } from "@accsyn/core";
import { entities, watch, type WatchEvent, type WatchEventKind } from "@accsyn/entities";
import { describe, expectTypeOf, it } from "vitest";

declare const session: InstanceType<ReturnType<typeof Session.plugin<typeof Session, [typeof entities]>>>;

describe("watch", () => {
  it("yields events whose entity is typed from the query", async () => {
    expectTypeOf(session.watch("Transfer WHERE status=running")).toEqualTypeOf<AsyncGenerator<WatchEvent<Transfer>, void, undefined>>();
    expectTypeOf(watch(session, "user")).toEqualTypeOf<AsyncGenerator<WatchEvent<User>, void, undefined>>();
    const dynamic: string = "queue";
    expectTypeOf(session.watch(dynamic)).toEqualTypeOf<AsyncGenerator<WatchEvent<Entity>, void, undefined>>();
    for await (const event of session.watch("transfer WHERE status=running", { interval: 500, initial: false })) {
      expectTypeOf(event.kind).toEqualTypeOf<WatchEventKind>();
      expectTypeOf(event.entity).toEqualTypeOf<Transfer>();
      expectTypeOf(event.changed).toEqualTypeOf<string[]>();
    }
  });

  it("refuses options of the wrong type", () => {
    // @ts-expect-error interval is a number of milliseconds
    session.watch("transfer", { interval: "2s" });
    // @ts-expect-error attributes is a list of names
    session.watch("transfer", { attributes: "status" });
  });
});
