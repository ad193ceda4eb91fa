// The floors: what the same work costs without the SDK — a raw Node `http` keep-alive request,
// got alone with the SDK's got options, `JSON.parse`, `JSON.stringify` + gzip + base64.
import http from "node:http";
import https from "node:https";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

/** A keep-alive agent like the SDK's (lifo, 4 s idle timeout); HTTPS when given the server's CA. */
export function keepAliveAgent(tls) {
  const options = { keepAlive: true, timeout: 4_000, scheduling: "lifo" };
  return tls ? new https.Agent({ ...options, ca: tls.ca }) : new http.Agent(options);
}

/** Headers of a recorded request, minus those Node's agent sets itself. */
export function replayHeaders(headers) {
  const out = { ...headers };
  delete out.host;
  delete out.connection;
  return out;
}

/** One raw `http` (or `https`, after the agent) request: resolves with the whole body as text. */
export function rawRequest(agent, port, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const client = agent instanceof https.Agent ? https : http;
    const req = client.request({ host: "127.0.0.1", port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => {
        try {
          resolve(Buffer.concat(chunks).toString("utf8"));
        } catch (error) {
          reject(error);
        }
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The last request the bench server on `port` saw (to replay the SDK's exact URL and headers). */
export async function lastRequestOf(port) {
  return JSON.parse(await rawRequest(undefined, port, "GET", "/__last", {}));
}

/** Raw request + `JSON.parse`: the floor of one small call. */
export async function rawJson(agent, port, path, headers) {
  return JSON.parse(await rawRequest(agent, port, "GET", path, headers));
}

/** got as @accsyn/core resolves it, with the options the SDK's transport gives it. */
export async function gotClient(port, agent) {
  const require = createRequire(new URL("../../packages/core/package.json", import.meta.url));
  const { default: got } = await import(pathToFileURL(require.resolve("got")).href);
  return got.extend({
    prefixUrl: `http://127.0.0.1:${port}/api/v3/`,
    throwHttpErrors: false,
    decompress: true,
    followRedirect: false,
    responseType: "buffer",
    agent: { http: agent },
    timeout: { connect: 10_000, secureConnect: 10_000, response: 120_000 },
    retry: {
      limit: 2,
      methods: ["GET"],
      statusCodes: [502, 503, 504],
      errorCodes: ["ECONNRESET", "ECONNREFUSED", "EPIPE", "ENOTFOUND", "ENETUNREACH", "EAI_AGAIN", "ETIMEDOUT"],
    },
    headers: { "user-agent": undefined, "accept-encoding": "gzip, deflate, br" },
  });
}

/** got + `JSON.parse`: got's own floor for one small call (path relative to `/api/v3/`). */
export async function gotJson(client, path, headers) {
  const response = await client(path, { method: "GET", headers });
  return JSON.parse(response.rawBody.toString("utf8"));
}

/** The create floor: `JSON.stringify` + gzip (level 9, as the protocol's gz_data) + base64, one pass. */
export function stringifyGzipBase64(value) {
  return gzipSync(Buffer.from(JSON.stringify(value), "utf8"), { level: 9 }).toString("base64");
}
