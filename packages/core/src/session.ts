/**
 * The accsyn session: credentials, workspace resolution, login and the event call that every
 * method group builds on. `new Session()` does no network I/O; the first call logs in, and
 * concurrent first calls share that login.
 */
import { hostname as osHostname } from "node:os";
import { inspect, type InspectOptionsStylized } from "node:util";
import { judgeAnswer, type Answer } from "./answer.js";
import { dump as dumpValue } from "./codec.js";
import { resolveCredentials, type Credentials } from "./credentials.js";
import { endpointSettings, resolveThroughRegistry, staticEndpoint, type Endpoint } from "./endpoint.js";
import { AccsynError, AccsynProtocolError, AccsynValidationError } from "./errors.js";
import { buildEvent, encodeEvent, type EventPayload } from "./event.js";
import { SessionLog, staticWarnOnce, warnDeprecated, type Logger } from "./log.js";
import { DEFAULT_REGISTRY, type CallOptions, type SessionOptions } from "./options.js";
import type { Constructor, PluginMethods, SessionPlugin } from "./plugin.js";
import { createAgents, parseProxy, type ProxySetting } from "./proxy.js";
import { MASK, maskedView, SecretMasker } from "./redact.js";
import { resolveSettings, type SessionSettings } from "./session-settings.js";
import { Transport, type HttpMethod } from "./transport.js";
import { VERSION } from "./version.js";

/** What the backend answered at login. */
export interface LoginInfo {
  role: string;
  id: string;
  sessionId: string;
}

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

  readonly #options: SessionOptions;
  readonly #credentials: Credentials;
  readonly #masker = new SecretMasker();
  readonly #proxy: ProxySetting | undefined;
  readonly #settings: SessionSettings;
  #transport: Transport | undefined;
  #endpoint: Endpoint | undefined;
  #login: Promise<LoginInfo> | undefined;
  #info: LoginInfo | undefined;
  #lastMessage: string | null = null;
  #closed = false;
  #fixedHeaders: Record<string, string> | undefined;
  readonly #hostname = Session.getHostname();
  /** Judging answers logs with these (made once, not per call). */
  readonly #debug = (message: string): void => this.log.debug(message);
  readonly #mask = (text: string): string => this.#masker.mask(text);

  /** Creates a session; throws {@link AccsynValidationError} when credentials are missing. No network I/O. */
  constructor(options: SessionOptions = {}) {
    this.#options = options;
    this.#credentials = resolveCredentials(options);
    this.#masker.add(this.#credentials.apiKey);
    this.log = new SessionLog(options, this.#masker);
    for (const source of this.#credentials.sources) this.log.debug(source);
    if (this.#credentials.usedDomainOption) {
      warnDeprecated(this.log, "option:domain", "The 'domain' option is deprecated, use 'workspace' instead.");
    }
    this.workspace = this.#credentials.workspace;
    this.username = this.#credentials.username;
    this.#settings = resolveSettings(options);
    this.timeoutMs = this.#settings.timeoutMs;
    this.connectTimeoutMs = this.#settings.connectTimeoutMs;
    this.#proxy = this.#credentials.proxy ? parseProxy(this.#credentials.proxy) : undefined;
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
    const transport = this.#transport!;
    const event = buildEvent(
      { workspace: this.workspace, session: info.sessionId, ident: this.username, hostname: this.#hostname },
      uri,
      payload,
    );
    const encoded = encodeEvent(method, event);
    if (this.log.verbose) this.log.debug(`→ ${method} ${uri} ${this.log.json(event)}`);
    const started = performance.now();
    try {
      const answer = await transport.send({
        method,
        path: encoded.path,
        ...(encoded.body === undefined ? {} : { body: encoded.body }),
        headers: this.#headers(),
        uri,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.lazyItems ? { lazyItems: true } : {}),
      });
      if (this.log.verbose) {
        this.log.debug(`← ${answer.status} ${uri} in ${Math.round(performance.now() - started)} ms ${answer.text.slice(0, 10_000)}`);
      }
      return judgeAnswer(answer, { method, uri, workspace: this.workspace, role: this.role, allowList, debug: this.#debug, mask: this.#mask });
    } catch (error) {
      throw this.#remember(error);
    }
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
    return `accsyn-ts v${VERSION} @ ${process.platform} ${osHostname()}(node ${process.versions.node})`;
  }

  /** The headers every request carries; built once per session, copied per request. */
  #headers(): Record<string, string> {
    if (!this.#fixedHeaders) {
      const { username, apiKey } = this.#credentials;
      const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
      this.#fixedHeaders = {
        Authorization: `basic ${b64(username)}:${b64(apiKey)}`,
        "X-Accsyn-Workspace": this.workspace,
        "X-Accsyn-Device": Session.device(),
      };
    }
    return { ...this.#fixedHeaders };
  }

  async #newTransport(baseUrl: string, host: string, port: number, isRegistry = false): Promise<Transport> {
    const options = this.#options;
    const settings = this.#settings;
    return Transport.open({
      baseUrl,
      host,
      port,
      timeoutMs: this.timeoutMs,
      connectTimeoutMs: this.connectTimeoutMs,
      retries: settings.retries,
      rateLimitRetries: settings.rateLimitRetries,
      retryDelayMs: settings.retryDelayMs,
      limiter: isRegistry ? undefined : settings.limiter,
      agents: await createAgents({ proxy: this.#proxy, env: this.#credentials.env, maxSockets: settings.maxSockets }),
      rejectUnauthorized: !options.insecureTls,
      ca: options.ca,
      masker: this.#masker,
    });
  }

  async #resolveEndpoint(signal: AbortSignal | undefined): Promise<Endpoint> {
    const options = this.#options;
    const { hostname, port, protocol } = endpointSettings(options, this.#credentials.env);
    const inputs = { hostname, port, protocol, proxy: this.#proxy, env: this.#credentials.env };
    const known = staticEndpoint(inputs);
    if (known) return known;
    const registryUrl = new URL(options.registry ?? DEFAULT_REGISTRY);
    const registryPort = Number(registryUrl.port) || (registryUrl.protocol === "http:" ? 80 : 443);
    const registry = await this.#newTransport(`${registryUrl.origin}/api/v3`, registryUrl.hostname, registryPort, true);
    try {
      return await resolveThroughRegistry(registry, this.workspace, Session.device(), port, protocol ?? "https", (m) => this.log.debug(m), signal);
    } finally {
      registry.close();
    }
  }

  async #doLogin(signal: AbortSignal | undefined): Promise<LoginInfo> {
    const endpoint = (this.#endpoint ??= await this.#resolveEndpoint(signal));
    this.#transport ??= await this.#newTransport(`${endpoint.protocol}://${endpoint.host}:${endpoint.port}/api/v3`, endpoint.host, endpoint.port);
    this.log.debug(`→ PUT /api/login as ${this.username} at ${endpoint.host}:${endpoint.port}`);
    const answer = await this.#transport.send({
      method: "PUT",
      path: "api/login",
      body: "{}",
      headers: this.#headers(),
      uri: "/api/login",
      ...(signal ? { signal } : {}),
    });
    this.log.debug(`← ${answer.status} /api/login ${answer.text.slice(0, 2_000)}`);
    const body = judgeAnswer(answer, { method: "PUT", uri: "/api/login", workspace: this.workspace, role: undefined, debug: this.#debug, mask: this.#mask });
    const result = body.result as { role?: unknown; id?: unknown; session_id?: unknown } | undefined;
    if (!result || typeof result !== "object") {
      throw new AccsynProtocolError("The accsyn backend answered the login without a result. Check that hostname/port point at an accsyn backend.", { uri: "/api/login" });
    }
    this.#info = { role: String(result.role ?? ""), id: String(result.id ?? ""), sessionId: String(result.session_id ?? "") };
    return this.#info;
  }

  #remember(error: unknown): unknown {
    if (AccsynError.isInstance(error)) this.#lastMessage = error.message;
    return error;
  }
}
