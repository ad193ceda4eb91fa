import type {
  Seed, SeedAcl, SeedClient, SeedJob, SeedQueue, SeedSetting, SeedShare, SeedSite, SeedUser, SeedVolume,
} from "../seed.js";

type Role = NonNullable<SeedUser["role"]>;
/** What {@link SeedBuilder.user} takes besides the e-mail (the key defaults to `test-<local part>-key`). */
export type UserInput = Partial<Omit<SeedUser, "code">>;

/**
 * A typed, chainable way to write a seed: each call adds one entry (with the seed format's defaults), and
 * {@link SeedBuilder.build} answers a plain {@link Seed} for `startEmulator({ seed })`. References name users
 * by e-mail and other entities by code, as in the seed file format.
 *
 * @example
 * const seed = seedBuilder("acme")
 *   .user("ada@acme.test", { role: "admin", api_key: "ada-key" })
 *   .volume("projects", { default: true, files: { "shot010/plate.exr": "…" } })
 *   .jobs(1000, (i) => ({ code: `render-${i}`, status: "done" }))
 *   .build();
 */
export class SeedBuilder {
  private readonly seed: Seed;

  /** Starts from an existing seed (copied) or an empty workspace. */
  constructor(from: Seed) {
    this.seed = structuredClone(from);
  }

  private add<K extends Exclude<keyof Seed, "workspace" | "users" | "snapshot">>(key: K, entry: NonNullable<Seed[K]>[number]): this {
    const list = (this.seed[key] ?? []) as Array<typeof entry>;
    list.push(entry);
    (this.seed as unknown as Record<string, unknown>)[key] = list;
    return this;
  }

  /** Adds a user (role `standard` unless given). */
  user(email: string, input: UserInput = {}): this {
    const local = email.split("@")[0] ?? email;
    this.seed.users.push({ code: email, api_key: `test-${local}-key`, ...input });
    return this;
  }

  /** Adds a user of a role. */
  withRole(role: Role, email: string, input: Omit<UserInput, "role"> = {}): this {
    return this.user(email, { ...input, role });
  }

  /** Adds a volume (`default: true` for the default one). */
  volume(code: string, input: Omit<SeedVolume, "code"> = {}): this {
    return this.add("volumes", { code, ...input });
  }

  /** Adds a folder on a volume (`volume`: code or id; default: the default volume). */
  folder(code: string, input: Omit<SeedShare, "code" | "user"> = {}): this {
    return this.add("folders", { code, ...input });
  }

  /** Adds a home share of a user. */
  home(user: string, input: Omit<SeedShare, "user"> = {}): this {
    return this.add("homes", { user, ...input });
  }

  /** Adds a collection of files (accsyn paths). */
  collection(code: string, files: SeedShare["files"] = [], input: Omit<SeedShare, "code" | "files"> = {}): this {
    return this.add("collections", { code, files, ...input });
  }

  /** Adds a queue. */
  queue(name: string, input: Omit<SeedQueue, "name"> = {}): this {
    return this.add("queues", { name, ...input });
  }

  /** Adds a site. */
  site(code: string, input: Omit<SeedSite, "code"> = {}): this {
    return this.add("sites", { code, ...input });
  }

  /** Adds a client (`app`, `server` or `userserver`). */
  client(code: string, type: SeedClient["type"], input: Omit<SeedClient, "code" | "type"> = {}): this {
    return this.add("clients", { code, type, ...input });
  }

  /** Adds a job (a transfer unless `type` says otherwise). */
  job(code: string, input: Omit<SeedJob, "code"> = {}): this {
    return this.add("jobs", { code, ...input });
  }

  /** Adds `count` jobs made by `make(i)` (i from 0). */
  jobs(count: number, make: (i: number) => SeedJob): this {
    for (let i = 0; i < count; i++) this.add("jobs", make(i));
    return this;
  }

  /** Gives a user access to a share (read by default). */
  acl(user: string, share: string, input: Omit<SeedAcl, "user" | "share"> = {}): this {
    return this.add("acls", { user, share, ...input });
  }

  /** Sets a setting (on the workspace unless `scope` names an entity). */
  setting(name: string, value: string, scope: Omit<SeedSetting, "name" | "value"> = {}): this {
    return this.add("settings", { name, value, ...scope });
  }

  /** The seed (a copy: the builder can go on). */
  build(): Seed {
    return structuredClone(this.seed);
  }
}

/**
 * A {@link SeedBuilder} for a new workspace (no users yet), or one that extends a seed such as `DEMO_SEED`.
 */
export function seedBuilder(workspace: string | Seed["workspace"] | Seed): SeedBuilder {
  if (typeof workspace === "string") return new SeedBuilder({ workspace: { code: workspace }, users: [] });
  if ("users" in workspace) return new SeedBuilder(workspace);
  return new SeedBuilder({ workspace, users: [] });
}
