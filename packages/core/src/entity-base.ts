/** The building blocks of every entity type: ids, references and the common attributes. Types only. */

/** An accsyn id: 24 lower-case hexadecimal characters. */
export type Id = string;
/** A uuid: the id of tasks, collection files and publish entries. */
export type Uuid = string;
/** A reference to another entity: `"<entitytype>:<id>"`, e.g. `"user:6676f3e9c7ef4e27da254e57"`. */
export type Party = `${string}:${string}`;

/** Attributes most stored accsyn entities have. */
export interface BaseEntity {
  /** 24-character lower-case hexadecimal id (tasks and collection files: a uuid). */
  id: string;
  /** A `Date`; the original text when the backend sent an offset such as `+01:00`. */
  created?: Date | string;
  /** A `Date`; the original text when the backend sent an offset such as `+01:00`. */
  modified?: Date | string;
  /** Who created it (an e-mail). */
  creator?: string;
  /** Who changed it last (an e-mail, `""` when nobody). */
  modifier?: string;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

/** An entity of a type this SDK has no interface for. */
export type Entity = BaseEntity;
