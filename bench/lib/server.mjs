// The fixed-answer keep-alive server, run as a child process (`fork`) so that its CPU time does not
// mix with the client's. Sends `{port}` to the parent once listening. `GET /__last` answers what
// the last request looked like (method, url, headers, body size, gz_data or not), so floors can
// replay exactly what the SDK sent. With a certificate (argv[3], JSON `{cert, key}` file) it also
// listens with HTTPS (same handler), for the "wan" scenarios.
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { createAnswer, LARGE_MARK, largeAnswer, loginAnswer, PAGED_TOTAL, PAGES_MARK, pageAnswer, smallAnswer } from "./fixtures.mjs";

const largeCount = Number(process.argv[2] ?? 50_000);
const tls = process.argv[3] ? JSON.parse(readFileSync(process.argv[3], "utf8")) : undefined;
const SMALL = Buffer.from(smallAnswer());
const LARGE = Buffer.from(largeAnswer(largeCount));
const CREATED = Buffer.from(createAnswer());
const LOGIN = Buffer.from(loginAnswer());
const NOT_FOUND = Buffer.from(JSON.stringify({ message: "no such route" }));

let last = null;
/** Pages of the paged listing by size (every full page has the same bytes). */
const pages = new Map();

function send(res, body, status = 200) {
  res.writeHead(status, { "content-type": "application/json", "content-length": body.length });
  res.end(body);
}

/** Reads a request body; `head` keeps its first 512 bytes. */
function drain(req, done) {
  let bytes = 0;
  let head = "";
  req.on("data", (chunk) => {
    if (head.length < 512) head += chunk.subarray(0, 512).toString("latin1");
    bytes += chunk.length;
  });
  req.on("end", () => done(bytes, head));
}

/** The event of a GET (the SDK's `?<json>` query string, or the reference's, both URL-encoded JSON). */
function eventOf(url) {
  return JSON.parse(decodeURIComponent(url.slice(url.indexOf("?") + 1)));
}

function handle(req, res) {
  const url = req.url ?? "";
  if (req.method === "GET" && url.startsWith("/api/v3/event?")) {
    last = { method: "GET", url, headers: req.headers, bodyBytes: 0, gzData: false };
    if (url.includes(PAGES_MARK)) {
      const { limit, skip = 0 } = eventOf(url).data ?? {};
      const size = Math.max(0, Math.min(limit ?? PAGED_TOTAL, PAGED_TOTAL - skip));
      if (!pages.has(size)) pages.set(size, Buffer.from(pageAnswer(0, size)));
      send(res, pages.get(size));
    } else send(res, url.includes(LARGE_MARK) ? LARGE : SMALL);
  } else if (url === "/__last") {
    send(res, Buffer.from(JSON.stringify(last)));
  } else if (req.method === "PUT" && url === "/api/v3/api/login") {
    drain(req, () => send(res, LOGIN));
  } else if (req.method === "POST" && url === "/api/v3/event") {
    drain(req, (bytes, head) => {
      last = { method: "POST", url, headers: req.headers, bodyBytes: bytes, gzData: head.includes('"gz_data"') };
      send(res, CREATED);
    });
  } else {
    drain(req, () => send(res, NOT_FOUND, 404));
  }
}

function listen(server) {
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

const port = await listen(http.createServer(handle));
const tlsPort = tls ? await listen(https.createServer({ cert: tls.cert, key: tls.key }, handle)) : undefined;
process.send?.({ port, tlsPort, largeCount, largeBytes: LARGE.length, smallBytes: SMALL.length });
process.on("disconnect", () => process.exit(0));
