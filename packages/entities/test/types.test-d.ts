/**
 * Compile-time guarantees: entity types inferred from queries and entity type names, and misuse
 * refused by the compiler.
 */
import {
  Session,
  type Acl,
  type Client,
  type CollectionFile,
  type Delivery,
  type Entity,
  type EntityFor,
  type EntityOfQuery,
  type Folder,
  type Party,
  type Queue,
  type Task,
  type TaskParty,
  type Transfer,
  type User,
  type Volume,
} from "@accsyn/core";
import { entities, find, findOne, getEntity, type AssignResult, type CreateResult, type PrepublishResult } from "@accsyn/entities";
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
    expectTypeOf(session.create("task", [{ source: "a" }])).toEqualTypeOf<Promise<Task | Task[]>>();
    expectTypeOf<CreateResult<"job", string>>().toEqualTypeOf<Transfer>();
    expectTypeOf(session.update("Volume", "id", { name: "n" })).toEqualTypeOf<Promise<Volume>>();
    expectTypeOf(getEntity(session, "job", "id")).toEqualTypeOf<Promise<Transfer | null>>();
    expectTypeOf(session.waitFor("delivery", "id")).resolves.toHaveProperty("status");
    expectTypeOf(session.iterate("user")).toEqualTypeOf<AsyncGenerator<User, void, undefined>>();
  });

  it("entity attributes are typed and statuses are unions", () => {
    expectTypeOf<Transfer["status"]>().toEqualTypeOf<"init" | "pending" | "waiting" | "running" | "paused" | "failed" | "aborted" | "done">();
    expectTypeOf<User["created"]>().toEqualTypeOf<Date>();
    expectTypeOf<Volume["anything"]>().toEqualTypeOf<unknown>();
  });

  it("jobs have <entitytype>:<id> parties with *_hr twins and no tasks", () => {
    expectTypeOf<Transfer["source"]>().toEqualTypeOf<Party>();
    expectTypeOf<Transfer["destination_hr"]>().toEqualTypeOf<string>();
    expectTypeOf<Transfer["finished"]>().toEqualTypeOf<Date | null>();
    expectTypeOf<Transfer["tasks"]>().toEqualTypeOf<unknown>();
    expectTypeOf<Delivery["public"]>().toEqualTypeOf<boolean>();
    expectTypeOf<Delivery["destination"]>().toEqualTypeOf<unknown>();
    expectTypeOf<EntityFor<"delivery">>().toEqualTypeOf<Delivery>();
    const party: Party = "user:6676f3e9c7ef4e27da254e57";
    void party;
    // @ts-expect-error a party is "<entitytype>:<id>"
    const bad: Party = "6676f3e9c7ef4e27da254e57";
    void bad;
  });

  it("tasks have source/destination objects; users a role; queues dates that may stay strings", () => {
    expectTypeOf<Task["source"]>().toEqualTypeOf<TaskParty>();
    expectTypeOf<Task["destination"]["path_abs_final"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<TaskParty["client"]>().toEqualTypeOf<string>();
    expectTypeOf<User["role"]>().toEqualTypeOf<"admin" | "employee" | "standard" | "support">();
    expectTypeOf<User["clearance"]>().toEqualTypeOf<unknown>();
    expectTypeOf<User["logged_in"]>().toEqualTypeOf<Date | null>();
    expectTypeOf<Queue["created"]>().toEqualTypeOf<Date | string>();
    expectTypeOf<Folder["status_hr"]>().toEqualTypeOf<string>();
    expectTypeOf<Client["type"]>().toEqualTypeOf<0 | 1 | 2 | 3 | 4 | 5>();
  });

  it("collection files, deletions, assignments and prepublish answer their real shapes", () => {
    expectTypeOf(session.create("file", { files: ["share=a/b"] }, { entityId: "c" })).toEqualTypeOf<Promise<CollectionFile>>();
    expectTypeOf<CollectionFile["id"]>().toEqualTypeOf<string>();
    expectTypeOf(session.deleteMany("collection", "c", { files: ["uuid"] })).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(session.assign("volume", "server", { volume: "v", server: "s" })).resolves.toEqualTypeOf<AssignResult>();
    expectTypeOf<AssignResult>().toEqualTypeOf<boolean | Array<Acl | true>>();
    expectTypeOf(session.assignments("volume", "v")).resolves.toEqualTypeOf<Client[]>();
    expectTypeOf(session.deactivateOne("user", "u")).resolves.toEqualTypeOf<boolean>();
    expectTypeOf(session.prepublish([{ filename: "a" }])).resolves.toEqualTypeOf<PrepublishResult>();
    expectTypeOf<PrepublishResult["files"][number]["can_publish"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf(session.find("entitytypes")).resolves.toEqualTypeOf<string[]>();
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
