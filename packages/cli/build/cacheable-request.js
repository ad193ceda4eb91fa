// Bundled into the `accsyn` bin in place of got's `cacheable-request`: the SDK never sets got's
// `cache` option, so the HTTP cache (and keyv) is never used; loading it cost start-up time.
export class CacheError extends Error {}

export default class CacheableRequest {
  constructor() {
    throw new Error("got's cache is not part of the accsyn CLI bundle (the SDK does not use it).");
  }
}
