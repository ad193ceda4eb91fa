// Bundled into the `accsyn` bin in place of got's `cacheable-lookup`: the SDK never sets got's
// `dnsCache` option, so the DNS cache is never used; loading it cost start-up time.
export default class CacheableLookup {
  constructor() {
    throw new Error("got's dnsCache is not part of the accsyn CLI bundle (the SDK does not use it).");
  }
}
