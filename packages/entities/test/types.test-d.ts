/**
 * Compile-time guarantees: entity types inferred from queries and entity type names, and misuse
 * refused by the compiler.
 */
import { Session, type Acl, type Entity, type EntityFor, type EntityOfQuery, type Task, type Transfer, type User, type Volume } from "@accsyn/core";
import { entities, find, findOne, getEntity, type CreateResult } from "@accsyn/entities";
import { describe, expectTypeOf, it } from "vitest";

declare const session: InstanceType<ReturnType<typeof Session.plugin<typeof Session, [typeof entities]>>>;

describe("EntityFor / EntityOfQuery", () => {
  it("maps type names in any case, aliases included, and falls back to Entity", () => {
    expectTypeOf<EntityFor<"user">>().toEqualTypeOf<User>();
    expectTypeOf<EntityFor<"Volume">>().toEqualTypeOf<Volume>();
    expectTypeOf<EntityFor<"JOB">>().toEqualTypeOf<Transfer>();
    expectTypeOf<EntityFor<" acl ">>().toEqualTypeOf<Acl>();
    expectTypeOf<EntityFor<"gadget">>().toEqualTypeOf<Entity>();
    expectTypeOf<EntityFor<string>>().toEqualTypeOf<Entity>();
  });

  it("reads the first word of a query", () => {
    expectTypeOf<EntityOfQuery<"Transfer WHERE status=done">>().toEqualTypeOf<Transfer>();
    expectTypeOf<EntityOfQuery<"user">>().toEqualTypeOf<User>();
    expectTypeOf<EntityOfQuery<"  task\tWHERE uri=0">>().toEqualTypeOf<Task>();
    expectTypeOf<EntityOfQuery<"entitytypes">>().toEqualTypeOf<string>();
    expectTypeOf<EntityOfQuery<"attributes WHERE entitytype=job">>().toEqualTypeOf<string>();
    expectTypeOf<EntityOfQuery<"widget WHERE x=1">>().toEqualTypeOf<Entity>();
  });
});

describe("methods", () => {
  it("find and findOne infer the entity from the query", () => {
    expectTypeOf(session.find("Transfer WHERE status=done")).toEqualTypeOf<Promise<Transfer[]>>();
    expectTypeOf(session.findOne("user WHERE code=a@b.c")).toEqualTypeOf<Promise<User | null>>();
    expectTypeOf(find(session, "volume")).toEqualTypeOf<Promise<Volume[]>>();
    expectTypeOf(findOne(session, "thing")).toEqualTypeOf<Promise<Entity | null>>();
    const dynamic: string = "job";
    expectTypeOf(session.find(dynamic)).toEqualTypeOf<Promise<Entity[]>>();
  });

  it("create, update, getEntity and waitFor infer from the entity type", () => {
    expectTypeOf(session.create("user", { code: "a@b.c" })).toEqualTypeOf<Promise<User>>();
    expectTypeOf(session.create("task", [{ source: "a" }])).toEqualTypeOf<Promise<Task[]>>();
    expectTypeOf<CreateResult<"job", string>>().toEqualTypeOf<Transfer>();
    expectTypeOf(session.update("Volume", "id", { name: "n" })).toEqualTypeOf<Promise<Volume>>();
    expectTypeOf(getEntity(session, "job", "id")).toEqualTypeOf<Promise<Transfer | null>>();
    expectTypeOf(session.waitFor("delivery", "id")).resolves.toHaveProperty("status");
    expectTypeOf(session.iterate("user")).toEqualTypeOf<AsyncGenerator<User, void, undefined>>();
  });

  it("entity attributes are typed and statuses are unions", () => {
    expectTypeOf<Transfer["status"]>().toEqualTypeOf<"init" | "waiting" | "running" | "paused" | "failed" | "aborted" | "done">();
    expectTypeOf<User["created"]>().toEqualTypeOf<Date>();
    expectTypeOf<Volume["anything"]>().toEqualTypeOf<unknown>();
  });

  it("refuses misuse", () => {
    // @ts-expect-error a query must be a string
    void session.find(42);
    // @ts-expect-error limit is a number
    void session.find("job", { limit: "10" });
    // @ts-expect-error findOne takes no limit
    void session.findOne("job", { limit: 1 });
    // @ts-expect-error update needs the data
    void session.update("job", "id");
    // @ts-expect-error create data cannot be a number
    void session.create("job", 5);
    // @ts-expect-error a user's status is enabled or disabled
    const status: User["status"] = "running";
    void status;
    // @ts-expect-error getEntity needs an id
    void session.getEntity("job");
    // @ts-expect-error unknown option
    void session.waitFor("job", "id", { every: 5 });
  });
});
