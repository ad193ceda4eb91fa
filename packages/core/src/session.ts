/**
 * The accsyn session: credentials, workspace resolution, login and the event call that every
 * method group builds on. `new Session()` does no network I/O; the first call logs in, and
 * concurrent first calls share that login.
 */
import { hostname as osHostname } from "node:os";
import { inspect, type InspectOptionsStylized } from "node:util";
import type { Answer } from "./answer.js";
import { authHeaders, deviceName } from "./auth-headers.js";
import { sendEvent } from "./call.js";
import { CallEvents, type CallEventName, type CallListener } from "./call-events.js";
import { CallObserver, type CallTarget } from "./call-observer.js";
import { dump as dumpValue } from "./codec.js";
import { apiBaseUrl, openTransport, resolveEndpoint, type ConnectionPlan } from "./connection.js";
import { resolveCredentials, type Credentials } from "./credentials.js";
import type { Endpoint } from "./endpoint.js";
import { AccsynError, AccsynValidationError } from "./errors.js";
import type { EventPayload } from "./event.js";
import { SessionLog, staticWarnOnce, warnDeprecated, type Logger } from "./log.js";
import { logIn, type LoginInfo } from "./login.js";
import type { CallOptions, SessionOptions } from "./options.js";
import type { Constructor, PluginMethods, SessionPlugin } from "./plugin.js";
import { parseProxy } from "./proxy.js";
import { MASK, maskedView, SecretMasker } from "./redact.js";
import { resolveSettings } from "./session-settings.js";
import type { HttpMethod, Transport } from "./transport.js";

export type { LoginInfo } from "./login.js";

/** Address of the accsyn documentation, printed by {@link Session.help}. */
export const DOCUMENTATION_URL = "https://support.accsyn.com/api";

/** An authenticated connection to one accsyn workspace. */
export class Session {
  /** Plugins applied to instances of this class (see {@link Session.plugin}). */
  static plugins: SessionPlugin[] = [];

  /** The workspace code. */
  readonly workspace: string;
  /** The user's e-mail. */
  readonly username: string;
  /** Time to wait for an answer, in ms. */
  readonly timeoutMs: number;
  /** Time to wait for a connection, in ms. */
  readonly connectTimeoutMs: number;
  /** The session's logger (warnings always; requests and answers with `verbose`). */
  readonly log: SessionLog;

  readonly #credentials: Credentials;
  readonly #masker = new SecretMasker();
  readonly #plan: ConnectionPlan;
  #transport: Transport | undefined;
  #endpoint: Endpoint | undefined;
  #login: Promise<LoginInfo> | undefined;
  #info: LoginInfo | undefined;
  #lastMessage: string | null = null;
  #closed = false;
  #fixedHeaders: Record<string, string> | undefined;
  #target: CallTarget | undefined;
  readonly #events = new CallEvents((error, name) =>
    this.log.warn(`A '${name}' call-event listener threw (the call went on): ${error instanceof Error ? error.message : String(error)}`));
  readonly #hostname = Session.getHostname();
  /** Judging answers logs with these (made once, not per call). */
  readonly #debug = (message: string): void => this.log.debug(message);
  readonly #mask = (text: string): string => this.#masker.mask(text);

  /** Creates a session; throws {@link AccsynValidationError} when credentials are missing. No network I/O. */
  constructor(options: SessionOptions = {}) {
    this.#credentials = resolveCredentials(options);
    this.#masker.add(this.#credentials.apiKey);
    this.log = new SessionLog(options, this.#masker);
    for (const source of this.#credentials.sources) this.log.debug(source);
    if (this.#credentials.usedDomainOption) {
      warnDeprecated(this.log, "option:domain", "The 'domain' option is deprecated, use 'workspace' instead.");
    }
    this.workspace = this.#credentials.workspace;
    this.username = this.#credentials.username;
    const settings = resolveSettings(options);
    this.timeoutMs = settings.timeoutMs;
    this.connectTimeoutMs = settings.connectTimeoutMs;
    this.#plan = {
      options,
      credentials: this.#credentials,
      settings,
      proxy: this.#credentials.proxy ? parseProxy(this.#credentials.proxy) : undefined,
      masker: this.#masker,
      device: Session.device(),
      debug: this.#debug,
    };
    for (const plugin of (this.constructor as typeof Session).plugins) {
      const methods = plugin(this);
      if (methods) Object.assign(this, methods);
    }
  }

  /** Creates a session and logs in; resolves once the backend accepted the credentials. */
  static async connect<T extends Session>(this: new (options?: SessionOptions) => T, options?: SessionOptions): Promise<T> {
    const session = new this(options);
    await session.login();
    return session;
  }

  /** Returns a Session class whose instances also carry the given method groups, fully typed. */
  static plugin<S extends Constructor<any> & { plugins: SessionPlugin[] }, T extends SessionPlugin[]>(
    this: S,
    ...newPlugins: T
  ): S & Constructor<InstanceType<S> & PluginMethods<T>> {
    const current = this.plugins;
    const Plugged = class extends this {
      static override plugins = current.concat(newPlugins.filter((plugin) => !current.includes(plugin)));
    };
    return Plugged as S & Constructor<InstanceType<S> & PluginMethods<T>>;
  }

  /** The user's role (`admin`, `employee`, `standard`, `support`), known after login. */
  get role(): string | undefined {
    return this.#info?.role;
  }

  /** The user's id, known after login. */
  get userId(): string | undefined {
    return this.#info?.id;
  }

  /** The backend address, known after resolution. */
  get endpoint(): Endpoint | undefined {
    return this.#endpoint;
  }

  /** Logs in now (calls log in on first use anyway); concurrent calls share one login. */
  login(options: CallOptions = {}): Promise<LoginInfo> {
    if (this.#closed) return Promise.reject(new AccsynValidationError("This session is closed; create a new one."));
    if (!this.#login) {
      this.#login = this.#doLogin(options.signal).catch((error: unknown) => {
        this.#login = undefined;
        throw this.#remember(error);
      });
    }
    return this.#login;
  }

  /**
   * Sends one event to `/api/v3/event` and resolves with the decoded answer object. This is the
   * primitive every method group uses.
   */
  request(method: HttpMethod, uri: string, payload: EventPayload = {}, options: CallOptions = {}): Promise<Answer> {
    return this.#send(method, uri, payload, options, false) as Promise<Answer>;
  }

  /** Like {@link Session.request}, but a bare top-level JSON array is returned as it is. */
  requestRaw(method: HttpMethod, uri: string, payload: EventPayload = {}, options: CallOptions = {}): Promise<Answer | unknown[]> {
    return this.#send(method, uri, payload, options, true);
  }

  async #send(method: HttpMethod, uri: string, payload: EventPayload, options: CallOptions, allowList: boolean): Promise<Answer | unknown[]> {
    const info = await this.login(options);
    const identity = { workspace: this.workspace, session: info.sessionId, ident: this.username, hostname: this.#hostname };
    const context = { transport: this.#transport!, identity, headers: this.#headers(), log: this.log, role: this.role, debug: this.#debug, mask: this.#mask,
      events: this.#events, target: this.#target };
    try {
      return await sendEvent(context, { method, uri, payload, options, allowList });
    } catch (error) {
      throw this.#remember(error);
    }
  }

  /**
   * Listens to the session's calls: `request` (each attempt), `response` (the final answer),
   * `retry` (an attempt failed and is sent again after `waitMs`), `rateLimited` (a 429 made the
   * call wait) and `error` (the call failed; its error class). Events carry the operation, method,
   * attempt, status, times and sizes, never the event, headers, session id or key. Calls build no
   * event while nobody listens.
   *
   * @example
   * session.on("response", (e) => console.error(`${e.operation} ${e.status} ${e.durationMs} ms`));
   */
  on<E extends CallEventName>(event: E, listener: CallListener<E>): this {
    this.#events.on(event, listener);
    return this;
  }

  /** Removes a listener added with {@link Session.on}. */
  off<E extends CallEventName>(event: E, listener: CallListener<E>): this {
    this.#events.off(event, listener);
    return this;
  }

  /**
   * What `console.log(session)` and `util.inspect` show: user, workspace, endpoint and role; the
   * API key is `***` (it lives only in `#private` fields, which no inspection reaches).
   */
  [inspect.custom](depth: number, options: InspectOptionsStylized): string {
    return maskedView(this.constructor.name || "Session", this.toJSON(), depth, options);
  }

  /** The JSON form of the session: user and workspace, the key masked. */
  toJSON(): Record<string, unknown> {
    const endpoint = this.#endpoint ? `${this.#endpoint.protocol}://${this.#endpoint.host}:${this.#endpoint.port}` : undefined;
    return { workspace: this.workspace, username: this.username, apiKey: MASK, endpoint, role: this.role };
  }

  /**
   * `text` with this session's secrets masked (`***`): the API key it authenticates with, wherever
   * that key came from (option, environment, `.env` or `envFile`), its encoded forms, and
   * Authorization values. For tools that print text of their own (the CLI).
   */
  mask(text: string): string {
    return this.#masker.mask(text);
  }

  /** The message of the last failed call, or `null`. */
  getLastMessage(): string | null {
    return this.#lastMessage;
  }

  /** Prints the address of the accsyn API documentation (opens nothing). */
  help(): void {
    process.stdout.write(`The accsyn API documentation: ${DOCUMENTATION_URL}\n`);
  }

  /** Closes pooled connections; later calls fail. */
  close(): void {
    this.#closed = true;
    this.#transport?.close();
  }

  /** JSON text of a value, indented like the reference `Session.dump` (dates as text). */
  static dump(value: unknown, indent = 4): string {
    return dumpValue(value, indent);
  }

  /** Where static methods (`Session.str`) log warnings; replace it to capture them. */
  static staticLogger: Logger = { warn: (message) => process.stderr.write(`[accsyn] warn: ${message}\n`) };

  /** @deprecated Use {@link Session.dump}. */
  static str(value: unknown, indent = 4): string {
    staticWarnOnce((this ?? Session).staticLogger, "Session.str is deprecated, use Session.dump instead");
    return dumpValue(value, indent);
  }

  /** The host name of this computer. */
  static getHostname(): string {
    return osHostname();
  }

  /** The `X-Accsyn-Device` header value: this SDK, its version and the machine. */
  static device(): string {
    return deviceName();
  }

  /** The headers every request carries; built once per session, copied per request. */
  #headers(): Record<string, string> {
    const { username, apiKey } = this.#credentials;
    this.#fixedHeaders ??= authHeaders({ username, apiKey, workspace: this.workspace }, this.#plan.device);
    return { ...this.#fixedHeaders };
  }

  async #doLogin(signal: AbortSignal | undefined): Promise<LoginInfo> {
    const endpoint = (this.#endpoint ??= await resolveEndpoint(this.#plan, signal));
    this.#target ??= { baseUrl: apiBaseUrl(endpoint), host: endpoint.host, port: endpoint.port };
    this.#transport ??= await openTransport(this.#plan, this.#target);
    const observer = this.#events.active ? new CallObserver(this.#events, { operation: "api/login", method: "PUT", path: "api/login", bytesOut: 2 }, this.#target) : undefined;
    const context = { endpoint, username: this.username, workspace: this.workspace, headers: this.#headers(), debug: this.#debug, mask: this.#mask, signal, observer };
    this.#info = await logIn(this.#transport, context);
    return this.#info;
  }

  #remember(error: unknown): unknown {
    if (AccsynError.isInstance(error)) this.#lastMessage = error.message;
    return error;
  }
}
