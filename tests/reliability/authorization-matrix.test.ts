/**
 * Authorization matrix: for every entity type and operation (find, create, update, delete/deactivate), file read and
 * write on shares, and ACL operations, each role gets exactly what shared/DOMAIN.md's table allows. The matrix is
 * data (MATRIX below); every cell runs through the SDK against the emulator, and every write is checked against the
 * state too (an answer that says "done" without the effect, or a refusal with the effect, is a violation).
 *
 * Reading of DOMAIN.md used for the cells: "rw" on shares for standard users means reading and writing the files
 * the ACLs grant (the share entities themselves are only visible to them, and they cannot create shares); the
 * behaviour section refines the table for deliveries/requests/streams: employees need the default volume for them
 * (column employeeVol is an employee granted it). Clients cannot be created through the API by anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@accsyn/api";
import { reportFigures } from "../support/reliability-report.js";
import { attempt, hiddenEntity, refusals, hiddenPath, recipientJob, ROLES, startFixture, type Fixture, type Role } from "./authorization-fixture.js";

type Check = (f: Fixture, s: Session, role: Role) => Promise<boolean>;
type Target = string | ((role: Role) => string);

/** One row: `expect` holds Y (allowed) or N (refused) per role, in ROLES order: admin, support, employee, employeeVol, standard. */
interface Row {
  entity: string;
  target: string;
  op: string;
  expect: string;
  check: Check;
}

const EMAIL: Record<Role, string> = {
  admin: "admin@acme.test", support: "support@accsyn.test", employee: "employee@acme.test", employeeVol: "employee2@acme.test", standard: "standard@acme.test",
};
const OWN_CLIENT: Record<Role, string> = {
  admin: "admin-laptop", support: "support-laptop", employee: "employee-ws", employeeVol: "employee2-ws", standard: "standard-laptop",
};
const self = (role: Role): string => EMAIL[role];
const ownClient = (role: Role): string => OWN_CLIENT[role];
const othersClient = (role: Role): string => (role === "standard" ? "admin-laptop" : "standard-laptop");
const idFor = (f: Fixture, target: Target, role: Role): string => {
  const key = typeof target === "string" ? target : target(role);
  const id = f.ids[key];
  if (!id) throw new Error(`matrix: no id for ${key}`);
  return id;
};

/** Finds the entity by id: visible or not. */
const sees = (type: string, target: Target): Check => async (f, s, role) => (await s.getEntity(type, idFor(f, target, role))) !== null;

/** Answer and effect of a write must agree; answers the answer. */
function agree(what: string, answered: boolean, applied: boolean): boolean {
  if (answered !== applied) throw new Error(`${what}: the answer says ${answered ? "done" : "refused"} but the change was ${applied ? "" : "not "}applied`);
  return answered;
}

/** Updates the description; the admin checks whether it changed. */
const updates = (type: string, target: Target): Check => async (f, s, role) => {
  const id = idFor(f, target, role);
  const description = f.unique("described");
  const answered = await attempt(() => s.update(type, id, { description }), hiddenEntity(f, s, type, id));
  // by id, any state; `description` asked for by name (jobs do not answer it by default: doc/transfers.rst)
  const now = ((await f.admin.request("GET", `${type}/find`, { data: { attributes: ["description"] }, id })).result as Array<{ description?: unknown }>)[0];
  return agree("update", answered, now?.description === description);
};

/** Deletes (or deactivates) a fresh entity the admin makes; the admin checks whether it is gone. */
const removes = (type: string, how: "delete" | "deactivate", make: (f: Fixture) => Promise<string>): Check => async (f, s) => {
  const id = await make(f);
  const answered = await attempt(() => (how === "delete" ? s.deleteOne(type, id) : s.deactivateOne(type, id)), hiddenEntity(f, s, type, id));
  const found = how === "delete" ? await f.admin.getEntity(type, id) : await f.admin.findOne(`${type} WHERE id=${id}`);
  return agree(how, answered, found === null);
};

/** Creates an entity named uniquely; the admin checks whether it exists. */
const creates = (type: string, data: (name: string) => Record<string, unknown>, lookup = "name"): Check => async (f, s) => {
  const name = f.unique(`made-${type}`);
  const fields = data(name);
  const answered = await attempt(() => s.create(type, fields));
  const found = await f.admin.find(`${type} WHERE ${lookup}="${String(fields[lookup])}"`);
  return agree("create", answered, found.length > 0);
};

/**
 * Downloads `source` to the caller's own client: allowed when the transfer runs to `done`; refused when the create is
 * refused or the transfer fails for permission (a source the caller may not read fails the job when it runs: the
 * reason must say so — any other failure, e.g. a missing file, fails the cell).
 */
const downloads = (source: string): Check => async (f, s) => {
  let id = "";
  if (!(await attempt(async () => (id = (await s.create("transfer", { name: f.unique("download"), source, status: "waiting" })).id)))) return false;
  const end = await f.settled(id);
  if (end.status === "done") return true;
  const share = source.split("/")[0] ?? source;
  if (new RegExp(`Permission denied: cannot read '${source}'|Share '${share}' does not exist`).test(end.reason ?? "") && (await f.admin.exists(source))) return false;
  throw new Error(`download of ${source} failed, but not for permission: ${end.reason ?? "no reason"}`);
};

const fresh = (type: string, data: (f: Fixture) => Record<string, unknown>) => async (f: Fixture) => (await f.admin.create(type, { name: f.unique(type), ...data(f) })).id;
const freshUser = (role: string) => async (f: Fixture) => (await f.admin.create("user", { code: `${f.unique("u")}@ext.test`, role })).id;
/** A fresh folder the standard user is granted (so a refusal is not merely invisibility). */
async function grantedFolder(f: Fixture): Promise<string> {
  const id = (await f.admin.create("folder", { name: f.unique("folder") })).id;
  await f.admin.grant("user", EMAIL.standard, "folder", id, { read: true, write: true });
  return id;
}

/** Lists a path; for the standard user a listing must show nothing beyond what its ACLs grant. */
const reads = (path: string): Check => async (f, s, role) => {
  let names: string[] = [];
  const ok = await attempt(async () => (names = ((await s.ls(path)) as unknown as Array<{ filename: string }>).map((e) => e.filename)), hiddenPath(f, path)); // TODO(shapes-sdk): ls answers a list of entries
  if (ok && role === "standard" && path === "folder=granted" && names.some((n) => n !== "DOWNLOAD" && n !== "UPLOAD"))
    throw new Error(`standard user sees ${names.join(", ")} at the root of a share granted on DOWNLOAD/UPLOAD only`);
  return ok;
};
/** Makes a directory under `path`; the admin checks whether it exists. */
const writes = (path: string): Check => async (f, s) => {
  const dir = `${path}/${f.unique("dir")}`;
  const answered = await attempt(() => s.mkdir(dir), hiddenPath(f, path));
  return agree("mkdir", answered, await f.admin.exists(dir));
};

const userOnFreshFolder = async (f: Fixture, s: Session) => {
  const folder = (await f.admin.create("folder", { name: f.unique("folder") })).id;
  const answered = await attempt(() => s.grant("user", "partner@ext.test", "folder", folder, { read: true, write: false }), hiddenEntity(f, s, "user", f.ids["partner@ext.test"] ?? ""));
  const acls = await f.admin.access("folder", folder);
  return agree("grant", answered, acls.length > 0);
};
const lists = (type: string, target: string, email: string): Check => async (f, s) => {
  let list: Awaited<ReturnType<Session["access"]>> = [];
  if (!(await attempt(async () => (list = await s.access(type, f.ids[target] ?? "")), hiddenEntity(f, s, type, f.ids[target] ?? "")))) return false;
  return list.some((a) => a.user_hr === email || a.user === email || a.user === f.ids[email]);
};
/** Revokes `email`'s access to a fresh folder the admin granted it (ACLs change through grant/revoke only). */
const revokes = (email: string): Check => async (f, s) => {
  const folder = (await f.admin.create("folder", { name: f.unique("folder") })).id;
  await f.admin.grant("user", email, "folder", folder, { read: true, write: true });
  const answered = await attempt(() => s.revoke("user", email, "folder", folder), hiddenEntity(f, s, "user", f.ids[email] ?? ""));
  return agree("revoke", answered, (await f.admin.access("folder", folder)).length === 0);
};

/** Sets `write: true` on a fresh read-only ACL of the standard user, over a raw `acl/edit` (the SDK refuses ACL updates). */
const widensOwnAcl: Check = async (f, s) => {
  const folder = (await f.admin.create("folder", { name: f.unique("folder") })).id;
  await f.admin.grant("user", EMAIL.standard, "folder", folder, { path: "DOWNLOAD", read: true, write: false });
  const acl = (await f.admin.find(`acl WHERE target=share:${folder}`))[0];
  if (!acl) throw new Error("no ACL from grant");
  const answered = await attempt(() => s.request("PUT", "acl/edit", { data: { write: true, path: "/" }, id: acl.id }));
  return agree("acl/edit", answered, (await f.admin.getEntity("acl", acl.id))?.write === true);
};

const row = (entity: string, target: string, op: string, allowed: string, check: Check): Row => ({ entity, target, op, expect: allowed, check });

/** The matrix. Columns: admin, support, employee, employeeVol (employee granted the default volume), standard. */
const MATRIX: Row[] = [
  row("user", "self", "find", "YYYYY", sees("user", self)),
  row("user", "self", "update", "YYYYY", updates("user", self)),
  row("user", "a standard user", "find", "YYYYN", sees("user", "partner@ext.test")),
  row("user", "a standard user", "update", "YYYYN", updates("user", "partner@ext.test")),
  row("user", "a standard user", "deactivate", "YYYYN", removes("user", "deactivate", freshUser("standard"))),
  row("user", "a standard user", "delete", "YYYYN", removes("user", "delete", freshUser("standard"))),
  row("user", "another employee", "find", "YYNNN", sees("user", "other@acme.test")),
  row("user", "another employee", "update", "YYNNN", updates("user", "other@acme.test")),
  row("user", "another employee", "delete", "YYNNN", removes("user", "delete", freshUser("employee"))),
  row("user", "an admin", "find", "YYNNN", sees("user", "admin@acme.test")),
  row("user", "role standard", "create", "YYYYN", creates("user", (n) => ({ code: `${n}@ext.test`, role: "standard" }), "code")),
  row("user", "role admin", "create", "YYNNN", creates("user", (n) => ({ code: `${n}@ext.test`, role: "admin" }), "code")),
  row("workspace", "the workspace", "find", "YYYYN", sees("workspace", "acme")),
  row("workspace", "the workspace", "update", "YYNNN", updates("workspace", "acme")),
  row("queue", "a queue", "find", "YYYYN", sees("queue", "urgent")),
  row("queue", "a queue", "update", "YYNNN", updates("queue", "urgent")),
  row("queue", "new", "create", "YYNNN", creates("queue", (name) => ({ name }))),
  row("queue", "a queue", "delete", "YYNNN", removes("queue", "delete", fresh("queue", () => ({})))),
  row("site", "a site", "find", "YYYYN", sees("site", "studio-b")),
  row("site", "a site", "update", "YYNNN", updates("site", "studio-b")),
  row("site", "new", "create", "YYNNN", creates("site", (name) => ({ name }))),
  row("site", "a site", "delete", "YYNNN", removes("site", "delete", fresh("site", () => ({})))),
  row("server", "a server", "find", "YYYYN", sees("server", "fileserver01")),
  row("server", "a server", "update", "YYNNN", updates("server", "fileserver01")),
  row("client", "new", "create", "NNNNN", creates("client", (name) => ({ code: name, type: 0 }), "code")),
  row("client", "own app/userserver", "find", "YYYYY", sees("client", ownClient)),
  row("client", "own app/userserver", "update", "YYYYY", updates("client", ownClient)),
  row("client", "another user's app", "find", "YYYYN", sees("client", othersClient)),
  row("client", "another user's app", "update", "YYYYN", updates("client", othersClient)),
  row("volume", "the default volume", "find", "YYNYN", sees("volume", "projects")),
  row("volume", "the default volume", "update", "YYNNN", updates("volume", "projects")),
  row("volume", "new", "create", "YYNNN", creates("volume", (name) => ({ name }))),
  row("volume", "a volume", "delete", "YYNNN", removes("volume", "delete", fresh("volume", () => ({})))),
  row("folder", "ACL-granted", "find", "YYYYY", sees("folder", "granted")),
  row("folder", "ACL-granted", "update", "YYYYN", updates("folder", "granted")),
  row("folder", "not granted", "find", "YYYYN", sees("folder", "secret")),
  row("folder", "not granted", "update", "YYYYN", updates("folder", "secret")),
  row("folder", "new", "create", "YYYYN", creates("folder", (name) => ({ name }))),
  row("folder", "ACL-granted", "delete", "YYYYN", removes("folder", "delete", grantedFolder)),
  row("folder", "ACL-granted", "deactivate", "YYYYN", removes("folder", "deactivate", grantedFolder)),
  row("collection", "ACL-granted", "find", "YYYYY", sees("collection", "granted-coll")),
  row("collection", "ACL-granted", "update", "YYYYN", updates("collection", "granted-coll")),
  row("collection", "not granted", "find", "YYYYN", sees("collection", "secret-coll")),
  row("collection", "new", "create", "YYYYN", creates("collection", (name) => ({ name, files: [] }))),
  row("collection", "a collection", "delete", "YYYYN", removes("collection", "delete", fresh("collection", () => ({ files: [] })))),
  row("home", "the standard user's", "find", "YYYYY", sees("home", "home-standard")),
  row("home", "the standard user's", "update", "YYYYN", updates("home", "home-standard")),
  row("home", "another employee's", "find", "YYNNN", sees("home", "home-other")),
  row("home", "another employee's", "update", "YYNNN", updates("home", "home-other")),
  row("home", "an admin's", "find", "YYNNN", sees("home", "home-admin")),
  row("home", "for a standard user", "create", "YYYYN", async (f, s) => attempt(() => s.create("home", { user: (f.ids["partner@ext.test"] as string), name: f.unique("home") }))),
  row("transfer", "standard is receiver", "find", "YYYYY", sees("transfer", "partyJob")),
  row("transfer", "standard is receiver", "update", "YYYYY", updates("transfer", "partyJob")),
  row("transfer", "standard not a party", "find", "YYYYN", sees("transfer", "otherJob")),
  row("transfer", "standard not a party", "update", "YYYYN", updates("transfer", "otherJob")),
  row("transfer", "new (own)", "create", "YYYYY", creates("transfer", (name) => ({ name, source: "share=projects/root.txt", status: "paused" }))),
  row("transfer", "download from a volume not granted", "run", "YYNYN", downloads("share=projects/root.txt")),
  row("transfer", "download from a folder not granted", "run", "YYYYN", downloads("folder=secret/s.txt")),
  row("transfer", "download from write-only UPLOAD", "run", "YYYYN", downloads("folder=granted/UPLOAD/up.txt")),
  row("transfer", "download from granted DOWNLOAD", "run", "YYYYY", downloads("folder=granted/DOWNLOAD/a.txt")),
  row("transfer", "copy into read-only DOWNLOAD", "create", "YYYYN", creates("transfer", (name) => ({ name, source: "folder=granted/DOWNLOAD/a.txt", destination: "folder=granted/DOWNLOAD/copy.txt", status: "paused" }))),
  row("transfer", "copy into write-only UPLOAD", "create", "YYYYY", creates("transfer", (name) => ({ name, source: "folder=granted/DOWNLOAD/a.txt", destination: "folder=granted/UPLOAD/copy.txt", status: "paused" }))),
  row("transfer", "standard not a party", "delete", "YYYYN", removes("transfer", "delete", fresh("transfer", () => ({ source: "share=projects/root.txt", destination: "employee@acme.test", status: "paused" })))),
  row("transfer", "standard is receiver", "delete", "YYYYY", removes("transfer", "delete", fresh("transfer", () => ({ source: "share=projects/root.txt", destination: "standard@acme.test", status: "paused" })))),
  row("task", "of a transfer standard receives", "find", "YYYYY", async (f, s) => (await s.find("task", { entityId: f.ids.partyJob })).length > 0),
  row("task", "of a transfer standard receives", "update", "YYYYY", async (f, s) => attempt(() => s.updateMany("task", f.ids.partyJob as string, [{ uri: "0", status: "onhold" }]))),
  row("task", "of a transfer standard is not in", "find", "YYYYN", async (f, s) => {
    let tasks: unknown[] = [];
    const ok = await attempt(async () => (tasks = await s.find("task", { entityId: f.ids.otherJob })), hiddenEntity(f, s, "transfer", f.ids.otherJob ?? ""));
    return ok && tasks.length > 0;
  }),
  row("task", "of a transfer standard is not in", "update", "YYYYN", async (f, s) =>
    attempt(() => s.updateMany("task", f.ids.otherJob as string, [{ uri: "0", status: "onhold" }]), hiddenEntity(f, s, "transfer", f.ids.otherJob ?? ""))),
  ...["delivery", "request", "stream"].flatMap((kind) => [
    row(kind, "standard is recipient", "find", "YYNYY", sees(kind, `${kind}Recipient`)),
    row(kind, "standard is recipient", "update", "YYNYY", updates(kind, `${kind}Recipient`)),
    row(kind, "standard not recipient", "find", "YYNYN", sees(kind, `${kind}Other`)),
    row(kind, "standard not recipient", "update", "YYNYN", updates(kind, `${kind}Other`)),
    row(kind, "new", "create", "YYNYN", creates(kind, (name) => ({ name }))),
    // A recipient does not steer a delivery: no pause, abort or delete (reference tests/test_delivery.py test_delete_temp_delivery_as_standard).
    row(kind, "standard is recipient", "delete", "YYNYN", removes(kind, "delete", (f) => recipientJob(f.admin, kind, EMAIL.standard))),
  ]),
  row("acl", "the standard user's own", "find", "YYYYY", sees("acl", "stdAcl")),
  row("acl", "another user's", "find", "YYYYN", sees("acl", "volAcl")),
  row("acl", "another user's", "revoke", "YYYYN", revokes("partner@ext.test")),
  row("acl", "grant on a folder", "grant", "YYYYN", userOnFreshFolder),
  row("acl", "ACLs of a granted folder", "access", "YYYYY", lists("folder", "granted", EMAIL.standard)),
  row("acl", "ACLs of the volume (another user's)", "access", "YYYYN", lists("volume", "projects", "employee2@acme.test")),
  row("acl", "the standard user's own", "revoke", "YYYYY", revokes(EMAIL.standard)),
  row("acl", "the standard user's own, read-only", "widen to write (raw acl/edit)", "YYYYN", widensOwnAcl),
  row("file", "volume root", "read", "YYNYN", reads("share=projects")),
  row("file", "volume root", "write", "YYNYN", writes("share=projects")),
  row("file", "granted folder root", "read", "YYYYY", reads("folder=granted")),
  row("file", "granted DOWNLOAD (read-only)", "read", "YYYYY", reads("folder=granted/DOWNLOAD")),
  row("file", "granted DOWNLOAD (read-only)", "write", "YYYYN", writes("folder=granted/DOWNLOAD")),
  row("file", "granted UPLOAD (write-only)", "read", "YYYYN", reads("folder=granted/UPLOAD")),
  row("file", "granted UPLOAD (write-only)", "write", "YYYYY", writes("folder=granted/UPLOAD")),
  row("file", "folder not granted", "read", "YYYYN", reads("folder=secret")),
  row("file", "folder not granted", "write", "YYYYN", writes("folder=secret")),
  row("file", "the standard user's home", "read", "YYYYY", reads("home=standard@acme.test")),
  row("file", "the standard user's home", "write", "YYYYY", writes("home=standard@acme.test")),
  row("file", "another employee's home", "read", "YYNNN", reads("home=other@acme.test")),
  row("file", "another employee's home", "write", "YYNNN", writes("home=other@acme.test")),
];

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
}, 60_000);
afterAll(async () => {
  await f?.stop();
});

describe("authorization matrix", () => {
  it("every role gets exactly what DOMAIN.md allows, cell by cell", async () => {
    const violations: string[] = [];
    let cells = 0;
    for (const r of MATRIX) {
      expect(r.expect).toMatch(/^[YN]{5}$/);
      for (const [i, role] of ROLES.entries()) {
        cells++;
        const want = r.expect[i] === "Y";
        const label = `${r.entity} (${r.target}) ${r.op} as ${role}`;
        try {
          const got = await r.check(f, f.sessions[role], role);
          if (got !== want) violations.push(`${label}: expected ${want ? "allowed" : "refused"}, got ${got ? "allowed" : "refused"}`);
        } catch (err) {
          violations.push(`${label}: ${(err as Error).message}`);
        }
      }
    }
    reportFigures("authorization", { cells, violations: violations.length, rows: MATRIX.length });
    console.log(`authorization matrix: ${MATRIX.length} rows × ${ROLES.length} roles = ${cells} cells checked, ${violations.length} violations; ` +
      `refusals: ${refusals.forbidden} answered 403 with a permission message, ${refusals.hidden} answered 404 for what exists but is hidden` +
      (violations.length ? `\n  ${violations.join("\n  ")}` : ""));
    expect(violations).toEqual([]);
    expect(cells).toBe(MATRIX.length * ROLES.length);
  }, 120_000);
});
