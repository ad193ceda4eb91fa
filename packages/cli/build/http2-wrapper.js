// Bundled into the `accsyn` bin in place of got's `http2-wrapper`: the SDK never sets got's
// `http2` option, so its HTTP/2 stack (and node:http2) is never used; loading it cost start-up time.
const unavailable = () => {
  throw new Error("HTTP/2 is not part of the accsyn CLI bundle (the SDK does not use got's http2 option).");
};

export default { auto: unavailable, globalAgent: undefined };
