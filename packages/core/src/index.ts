/**
 * `@accsyn/core`: the accsyn session (credentials, workspace resolution, login, the event
 * transport), the JSON codec, queries, errors, logging and the plugin mechanism.
 */
export { Session, DOCUMENTATION_URL, type LoginInfo } from "./session.js";
export type { SessionOptions, CallOptions } from "./options.js";
export { DEFAULT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REGISTRY, DEFAULT_RATE_LIMIT_RETRIES } from "./options.js";
export { RateLimiter, type RateLimit, type AcquireOptions } from "./rate-limiter.js";
export { isPlainHttpAnswer, networkAdvice, type FailureShape, type FailedTarget } from "./network-advice.js";
export type { Answer } from "./answer.js";
export type { EventPayload } from "./event.js";
export type { HttpMethod } from "./transport.js";
export type { CallEventMap, CallEventName, CallInfo, CallListener, ErrorEvent, RequestEvent, ResponseEvent, RetryEvent } from "./call-events.js";
export type { Endpoint } from "./endpoint.js";
export type { SessionPlugin, PluginMethods, UnionToIntersection, Constructor } from "./plugin.js";
export { parseProxy, type ProxySetting } from "./proxy.js";
export { SecretMasker } from "./redact.js";
export { SessionLog, warnDeprecated, type Logger, type LogLevel, type LogOptions } from "./log.js";
export {
  AccsynError,
  AccsynValidationError,
  AccsynApiError,
  AccsynJobError,
  AccsynNotFoundError,
  AccsynRateLimitError,
  AccsynNetworkError,
  AccsynAbortError,
  AccsynProtocolError,
  type AccsynErrorOptions,
  type AccsynApiErrorOptions,
  type AccsynNetworkErrorOptions,
} from "./errors.js";
export * from "./codec.js";
export * from "./query.js";
export * from "./validate.js";
export * from "./entities.js";
export { LazyItem } from "./lazy-item.js";
export { VERSION } from "./version.js";
