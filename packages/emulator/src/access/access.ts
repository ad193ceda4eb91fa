import type { Caller } from "./auth.js";
import { ADMIN_ONLY, EMPLOYEE_ONLY, JOB_KINDS, type Kind, SHARE_KINDS } from "../model.js";
import type { Store } from "../store/store.js";
import type { Entity } from "../util.js";

/** Effective role level: admin (also support), employee or standard. */
export type Level = "admin" | "employee" | "standard";

/** The level of a caller (`support` acts as admin). */
export function levelOf(caller: Caller): Level {
  return caller.role === "admin" || caller.role === "support" ? "admin" : caller.role === "employee" ? "employee" : "standard";
}

/** Ids of the shares granted to a user through live ACLs. */
export function grantedShares(store: Store, userId: string): Set<string> {
  const out = new Set<string>();
  const who = `user:${userId}`;
  for (const acl of store.all("acl")) {
    if (acl.entity === who && !acl._inactive && typeof acl.target === "string") out.add(acl.target.slice(6));
  }
  return out;
}

function isJobParty(job: Entity, userId: string): boolean {
  const parties = (job._parties as string[] | undefined) ?? [];
  return job.user === userId || parties.includes(userId);
}

function isRecipient(job: Entity, userId: string): boolean {
  const recipients = (job._recipients as Array<{ user: string }> | undefined) ?? [];
  return job.user === userId || recipients.some((r) => r.user === userId);
}

/** Per-request access checks for one caller. */
export class Access {
  /** The caller's level. */
  readonly level: Level;
  private granted: Set<string> | undefined;

  constructor(
    private readonly store: Store,
    readonly caller: Caller,
  ) {
    this.level = levelOf(caller);
  }

  private shares(): Set<string> {
    return (this.granted ??= grantedShares(this.store, this.caller.user.id));
  }

  /** True when the caller is granted the default volume (employees need it for deliveries). */
  hasDefaultVolume(): boolean {
    const vol = [...this.store.all("volume")].find((v) => v.default);
    return vol !== undefined && this.shares().has(vol.id);
  }

  private homeOfOther(home: Entity): boolean {
    if (home.user === this.caller.user.id) return false;
    const owner = typeof home.user === "string" ? this.store.get(home.user)?.entity : undefined;
    return owner !== undefined && owner.role !== "standard";
  }

  /** True when the caller may see `entity` of `kind`. */
  canSee(kind: Kind, e: Entity): boolean {
    if (this.level === "admin") return true;
    const me = this.caller.user.id;
    const employee = this.level === "employee";
    switch (kind) {
      case "user":
        return e.id === me || (employee && e.role === "standard");
      case "workspace":
      case "queue":
      case "site":
      case "engine":
        return employee;
      case "transfer":
      case "compute":
        return employee || isJobParty(e, me);
      case "delivery":
      case "request":
      case "stream":
        return (employee && this.hasDefaultVolume()) || isRecipient(e, me);
      case "task": {
        const job = typeof e.job === "string" ? this.store.get(e.job) : undefined;
        return job !== undefined && this.canSee(job.kind, job.entity);
      }
      case "volume":
        return this.shares().has(e.id);
      case "folder":
      case "collection":
        return employee || this.shares().has(e.id);
      case "home":
        return employee ? !this.homeOfOther(e) : e.user === me || this.shares().has(e.id);
      case "file": {
        const parent = typeof e.parent === "string" ? this.store.get(e.parent) : undefined;
        return parent !== undefined && this.canSee(parent.kind, parent.entity);
      }
      case "client":
        return employee || e.user === me;
      case "acl":
        return employee || e.entity === `user:${me}`;
    }
  }

  /** True when the caller may create an entity of `kind` from `data`. */
  canCreate(kind: Kind, data: Record<string, unknown>): boolean {
    if (this.level === "admin") return true;
    const employee = this.level === "employee";
    if (kind === "user") return employee && (data.role ?? data.clearance ?? "standard") === "standard";
    if (kind === "transfer" || kind === "compute" || kind === "task") return true;
    if ((kind === "delivery" || kind === "request" || kind === "stream") && employee) return this.hasDefaultVolume();
    if (JOB_KINDS.includes(kind) || kind === "folder" || kind === "collection" || kind === "home" || kind === "acl" || kind === "file")
      return employee;
    return false;
  }

  /** True when the caller may edit, delete, deactivate or activate `entity` of `kind`. */
  canWrite(kind: Kind, e: Entity): boolean {
    if (this.level === "admin") return true;
    const me = this.caller.user.id;
    const employee = this.level === "employee";
    switch (kind) {
      case "user":
        return e.id === me || (employee && e.role === "standard");
      case "client":
        return e.user === me || (employee && e.type !== 1);
      case "acl":
        return employee || e.entity === `user:${me}`;
      case "workspace":
      case "queue":
      case "site":
      case "engine":
      case "volume":
        return false;
      default:
        if (SHARE_KINDS.includes(kind) && !employee) return false;
        return this.canSee(kind, e);
    }
  }

  /**
   * True when the caller may steer `entity` — change its status or delete it. Recipients receive a delivery
   * (request, stream), they do not steer it: a standard recipient may not pause, abort or delete it (reference
   * tests/test_delivery.py test_pause_temp_delivery_as_standard, test_delete_temp_delivery_as_standard).
   */
  canSteer(kind: Kind, e: Entity): boolean {
    if (this.level !== "standard" || !["delivery", "request", "stream"].includes(kind)) return this.canWrite(kind, e);
    return e.user === this.caller.user.id;
  }

  /** A copy of `e` without internal fields and attributes hidden from the caller's role. */
  filter(e: Entity): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) {
      if (k.startsWith("_")) continue;
      if (this.level !== "admin" && ADMIN_ONLY.has(k)) continue;
      if (this.level === "standard" && EMPLOYEE_ONLY.has(k)) continue;
      out[k] = v;
    }
    return out;
  }

  /** True when the caller's role may see attribute `name`. */
  seesAttribute(name: string): boolean {
    if (this.level === "admin") return true;
    if (ADMIN_ONLY.has(name)) return false;
    return this.level !== "standard" || !EMPLOYEE_ONLY.has(name);
  }
}
