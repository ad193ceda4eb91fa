// The fixed-answer keep-alive server, run as a child process (`fork`) so that its CPU time does not
// mix with the client's. Sends `{port}` to the parent once listening. `GET /__last` answers what
// the last request looked like (method, url, headers, body size, gz_data or not), so floors can
// replay exactly what the SDK sent.
import http from "node:http";
import { createAnswer, LARGE_MARK, largeAnswer, loginAnswer, smallAnswer } from "./fixtures.mjs";

const largeCount = Number(process.argv[2] ?? 50_000);
const SMALL = Buffer.from(smallAnswer());
const LARGE = Buffer.from(largeAnswer(largeCount));
const CREATED = Buffer.from(createAnswer());
const LOGIN = Buffer.from(loginAnswer());
const NOT_FOUND = Buffer.from(JSON.stringify({ message: "no such route" }));

let last = null;

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

const server = http.createServer((req, res) => {
  const url = req.url ?? "";
  if (req.method === "GET" && url.startsWith("/api/v3/event?")) {
    last = { method: "GET", url, headers: req.headers, bodyBytes: 0, gzData: false };
    send(res, url.includes(LARGE_MARK) ? LARGE : SMALL);
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
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: server.address().port, largeBytes: LARGE.length, smallBytes: SMALL.length });
});
process.on("disconnect", () => process.exit(0));
