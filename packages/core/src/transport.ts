/**
 * The HTTP layer: one got instance per session with keep-alive agents, separate connect and
 * response timeouts, TLS verification, retries (see `retry-policy.ts`), an optional rate limiter,
 * and cancellation. Every failure below HTTP becomes an {@link AccsynNetworkError} that names
 * host, port and what to check, and holds no secret.
 */
import { inspect, type InspectOptionsStylized } from "node:util";
import type { Got, Request as GotRequest, RequestError, Response } from "got";
import { BodyCollector } from "./answer-body.js";
import { bodyText } from "./body-text.js";
import { CallBudget, type BudgetNote } from "./call-budget.js";
import { AccsynAbortError, AccsynNetworkError, AccsynProtocolError } from "./errors.js";
import { networkAdvice } from "./network-advice.js";
import type { Agents } from "./proxy.js";
import type { RateLimiter } from "./rate-limiter.js";
import { maskedView, type SecretMasker } from "./redact.js";
import { parseRetryAfter, RATE_LIMIT_STATUS, retryDelay, RETRY_ERRORS, RETRY_STATUS } from "./retry-policy.js";

/** HTTP methods the protocol uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** How a {@link Transport} connects. */
export interface TransportConfig {
  /** e.g. `https://acme.accsyn.com:443/api/v3` (no trailing slash). */
  baseUrl: string;
  host: string;
  port: number;
  timeoutMs: number;
  connectTimeoutMs: number;
  retries: number;
  /** Retries of a call refused with 429 (any method: a 429 proves nothing was done). */
  rateLimitRetries: number;
  retryDelayMs: number;
  /** Paces every attempt (retries included), when set. */
  limiter?: RateLimiter | undefined;
  agents: Agents;
  rejectUnauthorized: boolean;
  ca: string | Buffer | Array<string | Buffer> | undefined;
  masker: SecretMasker;
}

/** One HTTP exchange to send. */
export interface HttpRequest {
  method: HttpMethod;
  /** Path and query relative to the base URL, without a leading slash (`event?…`). */
  path: string;
  body?: string;
  headers: Record<string, string>;
  /** The operation, for error messages (`user/find`, `/api/login`). */
  uri: string;
  signal?: AbortSignal;
  /** Leave a large answer's list items undecoded (`LazyItem`). */
  lazyItems?: boolean;
  /** Follows the attempts (call events); absent when nobody listens. */
  observer?: AttemptObserver;
}

/** Told about each attempt of one request (see `call-observer.ts`). */
export interface AttemptObserver {
  /** An attempt goes out (after any wait of the rate limiter). */
  sent(attempt: number): void;
  /** An attempt ended with a status or a network code, and the request is sent again after `waitMs`. */
  retrying(attempt: number, ended: { status?: number | undefined; code?: string | undefined; bytesIn: number }, waitMs: number): void;
  /** The final answer's body arrived (bytes, decoded). */
  received(bytesIn: number): void;
}

/** The observer of each got request in flight that has one (looked up when got asks for a retry delay). */
const observed = new WeakMap<object, AttemptObserver>();

/** The raw answer: status and body, whatever the status. */
export interface HttpAnswer {
  status: number;
  /** The body as text; for a large body decoded while it arrived, only its first 64 KiB (messages and logs). */
  text: string;
  /** Present when the body was decoded while it arrived: the value, or the `SyntaxError` of invalid JSON. */
  decode?: () => unknown;
  url: string;
  /** The answer's `Retry-After` in ms, when it named one. */
  retryAfterMs?: number;
  /** Present when the call stopped retrying this answer because its budget would run out first. */
  budget?: BudgetNote;
}

/** The got module. */
type GotModule = typeof import("got");

let gotModule: Promise<GotModule> | undefined;

/**
 * got, imported on first use (once per process): it takes longer to load than the rest of the
 * SDK, and a program that imports the SDK without calling (yet) should not wait for it.
 */
function loadGot(): Promise<GotModule> {
  gotModule ??= import("got");
  return gotModule;
}

/** Sends HTTP requests for one session. Its configuration (and the masker) is `#private`. */
export class Transport {
  readonly #client: Got;
  readonly #config: TransportConfig;
  readonly #got: GotModule;

  /** Opens a transport (loading got on first use). */
  static async open(config: TransportConfig): Promise<Transport> {
    return new Transport(config, await loadGot());
  }

  private constructor(config: TransportConfig, got: GotModule) {
    this.#config = config;
    this.#got = got;
    const { retries, rateLimitRetries, retryDelayMs } = config;
    this.#client = got.default.extend({
      prefixUrl: `${config.baseUrl}/`,
      // in got's stream API an HTTP error status is what triggers its retries; exchange() turns
      // the error back into the answer it carries
      throwHttpErrors: true,
      decompress: true,
      followRedirect: false,
      agent: { http: config.agents.http, https: config.agents.https },
      https: { rejectUnauthorized: config.rejectUnauthorized, ...(config.ca ? { certificateAuthority: config.ca } : {}) },
      timeout: {
        connect: config.connectTimeoutMs,
        secureConnect: config.connectTimeoutMs,
        response: config.timeoutMs,
      },
      retry: {
        limit: Math.max(retries, rateLimitRetries),
        methods: ["GET", "POST", "PUT", "DELETE"],
        statusCodes: [RATE_LIMIT_STATUS, ...RETRY_STATUS],
        errorCodes: RETRY_ERRORS,
        calculateDelay: ({ attemptCount, error, retryAfter }) => {
          const delay = retryDelay(
            { retries, rateLimitRetries, retryDelayMs },
            { attemptCount, method: error.options.method, status: error.response?.statusCode, code: error.code, retryAfterMs: retryAfter },
          );
          const { budget } = error.options.context as { budget?: CallBudget };
          const waitMs = budget ? budget.retryDelay(delay, error) : delay;
          const observer = error.request && waitMs > 0 ? observed.get(error.request) : undefined;
          observer?.retrying(attemptCount, { status: error.response?.statusCode, code: error.response ? undefined : error.code, bytesIn: error.response?.rawBody?.length ?? 0 }, waitMs);
          return waitMs;
        },
      },
      headers: { "user-agent": undefined, "accept-encoding": "gzip, deflate, br" },
    });
  }

  /** Sends one request; resolves with any HTTP status, rejects only below HTTP. */
  async send(request: HttpRequest): Promise<HttpAnswer> {
    if (request.signal?.aborted) throw this.abortError(request);
    const budget = new CallBudget(this.#config.connectTimeoutMs + this.#config.timeoutMs);
    try {
      return await this.exchange(request, budget);
    } catch (error) {
      if (request.signal?.aborted) throw this.abortError(request);
      throw this.networkError(error, request);
    }
  }

  /**
   * One exchange through got's stream API, which costs about a fifth less per call than its
   * promise API; got still applies every option (timeouts, TLS, agents, decompression) and its
   * retry policy, and hands over a fresh stream for each retry. Resolves with any HTTP status.
   *
   * The call has a budget of connect + response timeout from its first attempt on the wire (see
   * `call-budget.ts`): got's own timeouts end at the answer's first byte, so a body that trickles
   * forever would otherwise hold the call. The budget is one timer that destroys the attempt in
   * flight; an `AbortController` handed to got per call cost ~8 % of a small call's time.
   */
  private exchange(request: HttpRequest, budget: CallBudget): Promise<HttpAnswer> {
    const { method, body, signal } = request;
    const { limiter } = this.#config;
    return new Promise<HttpAnswer>((resolve, reject) => {
      let current: GotRequest | undefined;
      let timer: NodeJS.Timeout | undefined;
      const { observer } = request;
      let attempt = 0;
      // the budget ran out: on the wire that is a timeout; while waiting to retry, the call ends
      // with the failure it was waiting to retry after (a 429 stays a rate-limit refusal)
      const spend = (): void => {
        if (budget.expired) return;
        const after = budget.waitingAfter;
        const note = budget.ranOut();
        current?.destroy();
        if (after instanceof this.#got.HTTPError) {
          observer?.received(after.response.rawBody?.length ?? 0);
          succeed({ ...answerOf(after.response), budget: note });
        }
        else fail(after ?? Object.assign(new Error("The call outlasted its time budget"), { code: "ETIMEDOUT" }));
      };
      // the caller's signal is watched here, not handed to got: got leaves one listener per call on
      // it, which piles up on a signal that outlives many calls (a watch, a long script)
      const onAbort = (): void => {
        current?.destroy();
        fail(new Error("The call was aborted"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const settle = <T>(done: (value: T) => void) => (value: T): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        done(value);
      };
      const succeed = settle(resolve);
      const fail = settle(reject);
      const follow = (stream: GotRequest): void => {
        current = stream;
        const received = new BodyCollector({ lazy: request.lazyItems === true });
        let bytesIn = 0;
        if (observer) {
          observed.set(stream, observer);
          observer.sent((attempt += 1));
          stream.on("data", (chunk: Buffer) => (bytesIn += chunk.length));
        }
        stream.on("data", (chunk: Buffer) => received.add(chunk));
        stream.once("end", () => {
          const response = stream.response!;
          observer?.received(bytesIn);
          succeed({ status: response.statusCode, ...received.finish(), url: response.url });
        });
        stream.once("error", (error: Error) => {
          if (!(error instanceof this.#got.HTTPError)) return fail(error);
          observer?.received(error.response.rawBody?.length ?? 0);
          succeed({ ...answerOf(error.response), ...(budget.note ? { budget: budget.note } : {}) });
        });
        stream.once("retry", (_attempt: number, _error: RequestError, next: () => GotRequest) => start(next, true));
        // a request without a body that may have one (DELETE) waits for the end of its upload
        if (body === undefined && method !== "GET") stream.end();
      };
      const send = (open: () => GotRequest): void => {
        if (budget.expired || signal?.aborted) return;
        if (!timer) {
          timer = setTimeout(spend, budget.start());
          timer.unref();
        }
        budget.sending();
        follow(open());
      };
      // every attempt, retries included, waits for its turn under the rate limit (when one is set):
      // the first without a deadline, a retry ahead of unsent calls and within the budget
      const start = (open: () => GotRequest, retry = false): void => {
        if (!limiter) return send(open);
        const turn = retry ? limiter.acquire(signal, { timeoutMs: budget.leftMs(), ahead: true }) : limiter.acquire(signal);
        turn.then(() => send(open), (error: unknown) => (signal?.aborted || !retry ? fail(error) : spend()));
      };
      start(() => this.#client.stream(request.path, { method, headers: request.headers, context: { budget }, ...(body === undefined ? {} : { body }) }));
    });
  }

  /** Closes pooled sockets so the process can exit. */
  close(): void {
    this.#config.agents.destroy();
  }

  /** Shows where the transport connects; never headers, keys or the masker's secrets. */
  [inspect.custom](depth: number, options: InspectOptionsStylized): string {
    return maskedView("Transport", this.toJSON(), depth, options);
  }

  /** The JSON form: the base URL and the retry and rate-limit figures. */
  toJSON(): Record<string, unknown> {
    const { baseUrl, retries, rateLimitRetries, limiter } = this.#config;
    return { baseUrl, retries, rateLimitRetries, maxRequestsPerSecond: limiter?.requestsPerSecond, maxBurst: limiter?.burst };
  }

  private abortError(request: HttpRequest): AccsynAbortError {
    const { host, port } = this.#config;
    return new AccsynAbortError(`The call to ${request.uri} was aborted.`, {
      networkCode: "ABORTED",
      host,
      port,
      uri: request.uri,
    });
  }

  private networkError(error: unknown, request: HttpRequest): AccsynNetworkError | AccsynProtocolError {
    const { host, port, masker } = this.#config;
    const raw = error as RequestError & { code?: unknown };
    const code = typeof raw?.code === "string" ? raw.code : "ERR_NETWORK";
    const where = `${host}:${port}`;
    const detail = masker.mask(String(raw?.message ?? error).replace(/https?:\/\/\S+/g, "<url>"));
    const cause = { name: raw?.name ?? "Error", code, message: detail };
    if (code.startsWith("Z_") || code === "ERR_CONTENT_DECODING") {
      return new AccsynProtocolError(
        `The answer to ${request.method} ${request.uri} from ${where} could not be decoded (${code}: its Content-Encoding does not match its body). Check any proxy or load balancer that rewrites answers.`,
        { uri: request.uri, cause },
      );
    }
    const advice = networkAdvice(code, detail, this.#config);
    return new AccsynNetworkError(`Could not complete ${request.method} ${request.uri} at ${where} (${code}): ${advice}`, {
      networkCode: code,
      host,
      port,
      uri: request.uri,
      cause,
    });
  }
}

/** The answer an HTTP error status carries (got reads its body before it reports the error). */
function answerOf(response: Response): HttpAnswer {
  const raw = response.rawBody;
  const retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
  return { status: response.statusCode, text: raw ? bodyText(raw) : "", url: response.url, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}
