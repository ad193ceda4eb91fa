import { maskSecrets, maskText } from "./mask.js";
import type { NewEvent, RequestDetail, StreamEvent } from "./types.js";

/** Options of an {@link EventStream}. */
export interface EventStreamOptions {
  /** Events kept for late readers (the dashboard's backlog); default 5,000. */
  capacity?: number;
  /** Request details (event and answer) kept; default 500. */
  detailCapacity?: number;
  /** The secrets to mask wherever they appear (the workspace's API keys), read at each event. */
  secrets?: () => readonly string[];
}

/** Receives each event as it happens. */
export type StreamListener = (event: StreamEvent) => void;

/**
 * The emulator's one event stream: requests, entity changes, job and task transitions, file operations.
 * Numbered in order, kept in a ring for late readers, pushed to listeners (`--log`, the dashboard, the job logs).
 * Secrets are masked on the way in, so no reader can see them.
 */
export class EventStream {
  private readonly ring: StreamEvent[] = [];
  private readonly details = new Map<number, RequestDetail>();
  private readonly listeners = new Set<StreamListener>();
  private readonly capacity: number;
  private readonly detailCapacity: number;
  private seq = 0;

  constructor(private readonly options: EventStreamOptions = {}) {
    this.capacity = options.capacity ?? 5000;
    this.detailCapacity = options.detailCapacity ?? 500;
  }

  /** Calls `fn` with every new event; returns the function that stops it. */
  subscribe(fn: StreamListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The kept events after `since` (a seq; 0 for all), oldest first. */
  since(since = 0): StreamEvent[] {
    const first = this.ring.findIndex((e) => e.seq > since);
    return first < 0 ? [] : this.ring.slice(first);
  }

  /** The last seq handed out (0 before any event). */
  get last(): number {
    return this.seq;
  }

  /** A request's event and answer (secrets masked), while kept. */
  detail(seq: number): RequestDetail | undefined {
    return this.details.get(seq);
  }

  /** Numbers, stamps, masks and publishes an event; `detail` is kept for requests. */
  emit(event: NewEvent, detail?: RequestDetail): StreamEvent {
    const secrets = this.options.secrets?.() ?? [];
    const masked = maskSecrets(event, secrets) as NewEvent;
    const full = { ...masked, seq: ++this.seq, time: new Date().toISOString() } as StreamEvent;
    this.ring.push(full);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    if (detail) {
      this.details.set(full.seq, maskSecrets(detail, secrets) as RequestDetail);
      if (this.details.size > this.detailCapacity) this.details.delete(this.details.keys().next().value as number);
    }
    for (const fn of this.listeners) {
      try {
        fn(full);
      } catch {
        // A reader's failure must not break the emulator or the other readers.
      }
    }
    return full;
  }

  /** Masks `text` with the current secrets (for lines written outside the stream). */
  mask(text: string): string {
    return maskText(text, this.options.secrets?.() ?? []);
  }
}
