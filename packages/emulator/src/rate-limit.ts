/**
 * The service's API limits, enforced when the emulator is started with `rateLimit` /
 * `--rate-limit` (off by default): per client IP address a token bucket of requests (30/s
 * sustained, bursts of 60) and at most 100 open connections (accsyn changelog v3.6-5). A request
 * over a limit is answered 429 with `Retry-After` (seconds) and a JSON `message`, before any work.
 */
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/** The limits; every figure is per client IP address. */
export interface RateLimitFigures {
  /** Sustained requests per second (default 30). */
  requestsPerSecond: number;
  /** Requests that may arrive at once after a quiet time (default 60). */
  burst: number;
  /** Open connections at once (default 100). */
  maxConnections: number;
}

/** The figures of the real service. */
export const SERVICE_RATE_LIMIT: RateLimitFigures = { requestsPerSecond: 30, burst: 60, maxConnections: 100 };

/** Why a request was refused. */
export interface Refusal {
  /** Seconds to wait, for `Retry-After`. */
  retryAfterSeconds: number;
  message: string;
  /** Close the connection after the answer (it is one too many), so a retry opens a new one. */
  closeConnection?: boolean;
}

interface Bucket {
  tokens: number;
  at: number;
  connections: number;
}

/** Counts requests and connections per client address and refuses what goes over the limits. */
export class RateLimitGuard {
  readonly #figures: RateLimitFigures;
  readonly #clients = new Map<string, Bucket>();
  readonly #overLimit = new WeakSet<Socket>();

  constructor(figures: Partial<RateLimitFigures> = {}) {
    this.#figures = { ...SERVICE_RATE_LIMIT, ...figures };
    for (const [name, value] of Object.entries(this.#figures)) {
      if (!(Number.isFinite(value) && value > 0)) throw new Error(`Invalid rate limit ${name} '${String(value)}': use a positive number`);
    }
  }

  /** Counts a new connection; one beyond `maxConnections` is marked, and its requests refused. */
  onConnection = (socket: Socket): void => {
    const bucket = this.#bucket(socket.remoteAddress ?? "");
    bucket.connections += 1;
    if (bucket.connections > this.#figures.maxConnections) this.#overLimit.add(socket);
    socket.once("close", () => {
      bucket.connections -= 1;
    });
  };

  /** `undefined` when the request may go on, else why it is refused (and the request's token is not spent). */
  admit(req: IncomingMessage): Refusal | undefined {
    const { requestsPerSecond, burst, maxConnections } = this.#figures;
    if (this.#overLimit.has(req.socket)) {
      return { retryAfterSeconds: 1, closeConnection: true, message: `Too many connections: at most ${maxConnections} per IP address. Reuse connections (keep-alive) or open fewer at once.` };
    }
    const bucket = this.#bucket(req.socket.remoteAddress ?? "");
    const now = performance.now();
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * requestsPerSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return {
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / requestsPerSecond)),
      message: `Rate limit exceeded: at most ${requestsPerSecond} requests/s (bursts of ${burst}) per IP address. Retry after the Retry-After delay.`,
    };
  }

  /** Fills every client's bucket again (a test kit's reset), keeping the connection counts. */
  refill(): void {
    for (const bucket of this.#clients.values()) bucket.tokens = this.#figures.burst;
  }

  #bucket(address: string): Bucket {
    let bucket = this.#clients.get(address);
    if (!bucket) this.#clients.set(address, (bucket = { tokens: this.#figures.burst, at: performance.now(), connections: 0 }));
    return bucket;
  }
}
