/**
 * `iterate`: pages through every match with limit/skip until a short page.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { AccsynValidationError } from "@accsyn/core";
import { iterate } from "@accsyn/entities";
import { afterEach, describe, expect, it } from "vitest";
import { harness, type Harness } from "./harness.js";

let h: Harness | undefined;
afterEach(async () => {
  h?.session.close();
  await h?.server.close();
  h = undefined;
});

/** A handler serving `total` users in pages by the event's limit/skip. */
function usersHandler(total: number) {
  const users = Array.from({ length: total }, (_, i) => ({ id: i.toString(16).padStart(24, "0"), code: `u${i}@acme.example` }));
  return (request: { event: { data: { limit?: number; skip?: number } } }) => {
    const { limit = total, skip = 0 } = request.event.data;
    return { body: { result: users.slice(skip, skip + limit) } };
  };
}

/** A full garbage collection (V8's `gc`, exposed for this check). */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

describe("iterate", () => {
  it("holds no yielded entity while the next page is on its way (flat memory)", async () => {
    let asked!: () => void;
    let releasePage2!: () => void;
    const page2Asked = new Promise<void>((resolve) => (asked = resolve));
    const page2Released = new Promise<void>((resolve) => (releasePage2 = resolve));
    const users = usersHandler(6);
    h = await harness(async (request) => {
      if ((request.event.data as { skip?: number }).skip === 3) {
        asked();
        await page2Released;
      }
      return users(request as Parameters<typeof users>[0]);
    });
    const walk = h.session.iterate("user", { pageSize: 3 });
    const refs: Array<WeakRef<object>> = [];
    for (let i = 0; i < 3; i++) refs.push(new WeakRef((await walk.next()).value as object));
    const next = walk.next(); // page 1 is done: asks for page 2, which the server holds back
    await page2Asked;
    await new Promise((r) => setTimeout(r, 0));
    collectGarbage();
    expect(refs.map((ref) => ref.deref() === undefined)).toEqual([true, true, true]);
    releasePage2();
    expect(((await next).value as { code: string }).code).toBe("u3@acme.example");
  });

  it("yields every entity over several pages and stops after a short page", async () => {
    h = await harness(usersHandler(7));
    const codes: string[] = [];
    for await (const user of h.session.iterate("User WHERE role=standard", { pageSize: 3, inactive: true })) codes.push(user.code);
    expect(codes).toEqual(["u0", "u1", "u2", "u3", "u4", "u5", "u6"].map((c) => `${c}@acme.example`));
    expect(h.sent()).toEqual([
      { method: "GET", uri: "user/find", data: { inactive: true, limit: 3 }, query: "role=standard" },
      { method: "GET", uri: "user/find", data: { inactive: true, limit: 3, skip: 3 }, query: "role=standard" },
      { method: "GET", uri: "user/find", data: { inactive: true, limit: 3, skip: 6 }, query: "role=standard" },
    ]);
  });

  it("asks once more after a full last page, starts at skip, and stops when the loop breaks", async () => {
    h = await harness(usersHandler(4));
    const all = [];
    for await (const user of iterate(h.session, "user", { pageSize: 2, skip: 0 })) all.push(user);
    expect(all).toHaveLength(4);
    expect(h.sent().map((e) => (e.data as { skip?: number }).skip)).toEqual([undefined, 2, 4]);

    const before = h.sent().length;
    for await (const user of h.session.iterate("user", { pageSize: 1, skip: 1 })) {
      expect(user.code).toBe("u1@acme.example");
      break;
    }
    expect(h.sent().slice(before)).toEqual([{ method: "GET", uri: "user/find", data: { limit: 1, skip: 1 } }]);
  });

  it("uses pages of 100 by default and refuses a bad page size before sending", async () => {
    h = await harness(usersHandler(5));
    let count = 0;
    for await (const _ of h.session.iterate("user")) count++;
    expect(count).toBe(5);
    expect(h.sent()).toEqual([{ method: "GET", uri: "user/find", data: { limit: 100 } }]);
    await expect(h.session.iterate("user", { pageSize: 0 }).next()).rejects.toBeInstanceOf(AccsynValidationError);
    expect(h.sent()).toHaveLength(1);
  });
});

describe("iterate over pages larger than 4 MiB (kept as bytes, decoded one entity at a time)", () => {
  /** `count` transfers with dates, `ObjectId:` members and characters JSON escapes; ~600 bytes each. */
  function transfers(count: number): Array<Record<string, unknown>> {
    return Array.from({ length: count }, (_, i) => ({
      id: i.toString(16).padStart(24, "0"),
      code: `job-${i} "quoted" \\ back, [brackets] {braces}`,
      user: `ObjectId:${(i + 7).toString(16).padStart(24, "0")}`,
      created: "2024-03-01T10:20:30",
      metadata: { note: "é ü 日本", list: [1, [2, "3"], { deep: "]}" }], padding: "x".repeat(400) },
    }));
  }

  it("yields exactly what find answers for the same pages (dates, ObjectId rules, non-ASCII)", async () => {
    const all = transfers(20_000);
    h = await harness((request) => {
      const { limit = all.length, skip = 0 } = request.event.data as { limit?: number; skip?: number };
      return { body: { result: all.slice(skip, skip + limit) } };
    });
    const walked: unknown[] = [];
    for await (const transfer of h.session.iterate("transfer", { pageSize: 9_000 })) walked.push(transfer);
    const found = await h.session.find("transfer");
    expect(JSON.stringify(all.slice(0, 9_000)).length).toBeGreaterThan(4 * 1024 * 1024);
    expect(walked).toHaveLength(20_000);
    expect(walked).toEqual(found);
    const first = walked[0] as Record<string, unknown>;
    expect(first.created).toBeInstanceOf(Date);
    expect(first.user).toBe("000000000000000000000007");
    expect(first.code).toBe('job-0 "quoted" \\ back, [brackets] {braces}');
  });

  it("reports an entity that is not JSON as a protocol error when it is reached", async () => {
    const page = JSON.stringify({ result: transfers(9_000) });
    const broken = page.replace('"job-8000 ', '"job-8000 \u0001');
    h = await harness(() => ({ body: broken, contentType: "application/json" }));
    let count = 0;
    const error = await (async () => {
      for await (const _ of h!.session.iterate("transfer", { pageSize: 10_000 })) count++;
    })().catch((e: unknown) => e);
    expect(count).toBe(8_000);
    expect(error).toMatchObject({ name: "AccsynProtocolError", uri: "transfer/find" });
    expect((error as Error).message).toMatch(/entity that is not JSON/);
  });
});
