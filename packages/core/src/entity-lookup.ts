/**
 * Type-level lookups: the entity interface of an entity type name or of a query's first word,
 * computed at compile time.
 */
import type {
  Acl,
  App,
  Browser,
  Client,
  Collection,
  CollectionFile,
  Compute,
  Delivery,
  Engine,
  Entity,
  Folder,
  Home,
  Lane,
  Queue,
  Request,
  Server,
  Setting,
  Site,
  Stream,
  Task,
  Transfer,
  User,
  UserServer,
  Volume,
  Workspace,
} from "./entities.js";

/** Entity interfaces by lower-case entity type (aliases and `find` pseudo types included). */
export interface EntityTypeMap {
  user: User;
  workspace: Workspace;
  queue: Queue;
  transfer: Transfer;
  job: Transfer;
  compute: Compute;
  delivery: Delivery;
  request: Request;
  stream: Stream;
  task: Task;
  volume: Volume;
  folder: Folder;
  share: Folder;
  home: Home;
  collection: Collection;
  /** Files of a collection (`create("file", …)`). */
  file: CollectionFile;
  site: Site;
  server: Server;
  userserver: UserServer;
  app: App;
  browser: Browser;
  lane: Lane;
  engine: Engine;
  client: Client;
  acl: Acl;
  setting: Setting;
  /** `find("entitytypes")` answers the current entity type names (`job`, `share` are deprecated aliases). */
  entitytypes: string;
  /** `find("attributes WHERE entitytype=…")` answers attribute names. */
  attributes: string;
}

/** Whitespace characters that separate words in a query. */
export type Blank = " " | "\t" | "\n" | "\r";

/** A string type without leading and trailing blanks. */
export type TrimBlanks<S extends string> = S extends `${Blank}${infer R}`
  ? TrimBlanks<R>
  : S extends `${infer L}${Blank}`
    ? TrimBlanks<L>
    : S;

/** The entity interface of an entity type name (any case); unknown types give {@link Entity}. */
export type EntityFor<T extends string> =
  Lowercase<TrimBlanks<T>> extends infer K ? (K extends keyof EntityTypeMap ? EntityTypeMap[K] : Entity) : Entity;

/** The first word of a query (split at each kind of blank in turn). */
/** The first word of a query string (its entity type), at compile time. */
export type FirstWord<Q extends string> = Q extends `${infer W} ${string}`
  ? FirstWord<W>
  : Q extends `${infer W}\t${string}`
    ? FirstWord<W>
    : Q extends `${infer W}\n${string}`
      ? FirstWord<W>
      : Q extends `${infer W}\r${string}`
        ? FirstWord<W>
        : Q;

/**
 * The entity interface a query answers, from its first word:
 * `EntityOfQuery<"Transfer WHERE status=done">` is {@link Transfer}; unknown types give {@link Entity}.
 */
export type EntityOfQuery<Q extends string> = EntityFor<FirstWord<TrimBlanks<Q>>>;
