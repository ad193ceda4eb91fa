/**
 * Issue 17, types a pipeline developer relies on: a query built with the `query` tag keeps the
 * entity typing of a string literal when it names its entity type, and `create` answers a list
 * exactly when the data makes one (tasks from a list).
 */
import { query, Session, type Entity, type Task, type Transfer, type TypedQuery, type User } from "@accsyn/core";
import { entities, type CreateResult } from "@accsyn/entities";
import { describe, expectTypeOf, it } from "vitest";

declare const session: InstanceType<ReturnType<typeof Session.plugin<typeof Session, [typeof entities]>>>;
declare const status: string;

describe("query tag", () => {
  it("query(entitytype)`…` keeps the entity type for find, findOne and iterate", () => {
    const q = query("Transfer")`WHERE status=${status}`;
    expectTypeOf(q).toEqualTypeOf<TypedQuery<"Transfer">>();
    expectTypeOf(session.find(q)).toEqualTypeOf<Promise<Transfer[]>>();
    expectTypeOf(session.find(query("user")`WHERE code=${"a@b.c"}`)).toEqualTypeOf<Promise<User[]>>();
    expectTypeOf(session.findOne(query("Task")`WHERE uri=${0}`)).resolves.toEqualTypeOf<Task | null>();
    expectTypeOf(session.iterate(query("transfer")``)).toEqualTypeOf<AsyncGenerator<Transfer, void, undefined>>();
  });

  it("the bare tag is a plain string (TypeScript cannot read a template's text)", () => {
    expectTypeOf(query`Transfer WHERE status=${status}`).toEqualTypeOf<string>();
    expectTypeOf(session.find(query`Transfer WHERE status=${status}`)).toEqualTypeOf<Promise<Entity[]>>();
    // @ts-expect-error values must be strings, numbers, booleans, Dates or lists of them
    void query("Transfer")`WHERE x=${{ a: 1 }}`;
  });
});

describe("create answers", () => {
  it("one entity for an object, a list for tasks from a list — never T | T[] for known data", () => {
    expectTypeOf(session.create("transfer", { source: "a", destination: "b" })).toEqualTypeOf<Promise<Transfer>>();
    expectTypeOf(session.create("Task", [{ source: "a" }, { source: "b" }])).toEqualTypeOf<Promise<Task[]>>();
    expectTypeOf(session.create("task", { source: "a" })).toEqualTypeOf<Promise<Task>>();
    expectTypeOf(session.create("job", [{ source: "a" }])).toEqualTypeOf<Promise<Transfer>>();
    expectTypeOf<CreateResult<"task", string>>().toEqualTypeOf<Task | Task[]>();
  });
});
