/**
 * Shares (volumes, folders, homes, collections), collection files and file listings, as the
 * backend answers them (doc/filesharing.rst, doc/file.rst). Types only.
 */
import type { BaseEntity, Id, Uuid } from "./entity-base.js";

/** Share (volume, folder, home, collection) statuses. */
export type ShareStatus = "enabled" | "disabled" | "offline" | "disabled-offline";

/** Attributes shared by volumes, folders, homes and collections. */
export interface ShareEntity extends BaseEntity {
  id: Id;
  code: string;
  name: string;
  /** The path: on the server for volumes, relative to the volume for folders. */
  path: string;
  status: ShareStatus;
  description: string;
  email: string;
  /** The queue (id or name), `null` for the default. */
  queue: Id | string | null;
  metadata: Record<string, unknown>;
  created: Date;
  creator: string;
  modified: Date;
  modifier: string;
}

/** A storage volume served by a server. */
export interface Volume extends ShareEntity {
  type: "volume";
  default: boolean;
  licensed: boolean;
  /** The volume's path per OS: `linux`, `mac`, `windows` (and `*_vpn`). */
  paths: Record<string, string>;
}

/** A folder, home or collection (`share` is the folder's deprecated alias). */
export interface Share extends ShareEntity {
  /** The volume id. */
  parent: Id | null;
  /** e.g. `"share:Projects[volume](190d87e2ae8da1131c80e8b7)"`. */
  parent_hr: string;
  /** e.g. `"Enabled"`. */
  status_hr: string;
}
/** A sub-directory of a volume. */
export type Folder = Share;
/** A user's home folder. */
export interface Home extends Share {
  user?: Id;
}
/** A virtual folder of files from several shares. */
export type Collection = Share;

/**
 * A file of a collection, as `create("file", …, { entityId: collection })` answers it. Only `id`
 * is documented; the other attributes are what the backend was seen to send.
 */
export interface CollectionFile {
  /** A uuid: what `deleteMany("collection", …, { files: [id] })` takes. */
  id: Uuid;
  /** The accsyn path of the file, e.g. `"share=assets/plates/plate_0001.exr"`. */
  path?: string;
  created?: Date;
  [key: string]: unknown;
}

/** One entry of a file listing (`ls`, doc/file.rst). */
export interface FileEntry {
  /** 0 directory, 1 file. */
  type: 0 | 1;
  filename: string;
  /** Bytes: files always, directories only with `getSize`. */
  size?: number;
  modified: Date;
  /** Recursive listings: the directory's children. */
  files?: FileEntry[];
  [key: string]: unknown;
}
