/**
 * Job types (transfer, compute, delivery, request, stream) and their tasks, as the backend answers
 * them (doc/transfers.rst, tests/test_delivery.py). Jobs carry no `tasks`: find them with
 * `find("task", { entityId: job.id })`. Types only.
 */
import type { BaseEntity, Id, Party, Uuid } from "./entity-base.js";

/** Job (transfer, compute, delivery, request, stream) statuses. */
export type JobStatus = "init" | "pending" | "waiting" | "running" | "paused" | "failed" | "aborted" | "done";
/** Task statuses. */
export type TaskStatus = "pending" | "queued" | "booting" | "executing" | "failed" | "onhold" | "excluded" | "done";

/** Attributes every kind of job has (a transfer adds its destination, a delivery `public`). */
export interface JobEntity extends BaseEntity {
  id: Id;
  code: string;
  name: string;
  status: JobStatus;
  /** Where the files come from: `"<entitytype>:<id>"`, e.g. `"workspace:070d…"`. */
  source: Party;
  /** e.g. `"workspace:acme(070d368837b18d42352a7dc5)"`. */
  source_hr: string;
  created: Date;
  /** `null` until the job ends. */
  finished: Date | null;
  modified?: Date;
  modifier?: string;
  /** Estimated time remaining (`""` when unknown). */
  etr: string;
  /** 0–100. */
  progress: number;
  /** Bytes. */
  size: number;
  /** MB/s, -1 when idle. */
  speed: number;
  /** The job's owner. */
  user: Id;
  /** e.g. `"user:alice@acme.example[admin](6335521b2380fbabbdefc019)"`. */
  user_hr: string;
  /** The queue or delivery it belongs to. */
  parent?: Id;
  parent_hr?: string;
  uri?: string;
  metadata?: Record<string, unknown>;
}

/** A file transfer (`job` is its deprecated alias). */
export interface Transfer extends JobEntity {
  /** Where the files go: `"<entitytype>:<id>"`, e.g. `"user:69d9…"`. */
  destination: Party;
  /** e.g. `"user:bob@partner.example[standard](69d92eafc0f59bd1a35083d9)"`. */
  destination_hr: string;
}
/** A compute job (the shape of a {@link Transfer}). */
export type Compute = Transfer;

/** A delivery of files to recipients: a job without a destination, plus `public`. */
export interface Delivery extends JobEntity {
  /** Whether anyone with the link may download it. */
  public: boolean;
}
/** A request for files from recipients (the shape of a {@link Delivery}). */
export type Request = Delivery;
/** A stream job (the shape of a {@link Delivery}). */
export type Stream = Delivery;

/** One end of a task: the client that sends or receives it and where the file is. */
export interface TaskParty {
  /** The client (server or app) id. */
  client: Id;
  /** The path as given (relative to the share on a server). */
  path: string;
  /** The absolute path on the client. */
  path_abs_final?: string;
  /** The volume id. */
  v?: Id;
  /** The share (folder) id. */
  s?: Id;
  user?: Id;
  site?: Id;
  [key: string]: unknown;
}
/** Where a task goes (kept for compatibility: it is {@link TaskParty}). */
export type TaskDestination = TaskParty;

/** One file of a job: a sub-entity whose `id` is a uuid. */
export interface Task extends BaseEntity {
  id: Uuid;
  /** The task's number in its job: `"0"`, `"1"`, … */
  uri: string;
  job: Id;
  /** e.g. `"dailies-042[7](bf4eef818716bafab22ac70a)"`. */
  job_hr: string;
  source: TaskParty;
  destination: TaskParty;
  status: TaskStatus;
  priority: number;
  /** Bytes. */
  size: number;
  /** Milliseconds spent. */
  time: number;
  created: Date;
  finished: Date | null;
  metadata?: Record<string, unknown>;
}
