// A TCP relay that makes loopback look like a WAN link: every chunk, either way, is delivered half
// a round trip after it arrived, in order; a new connection's first bytes wait one round trip more
// (the TCP handshake a real connection pays before it can send). TLS passes through untouched.
import net from "node:net";

/**
 * One direction of a connection: chunks are written to `to` at their due time, in arrival order,
 * by one timer (so order holds whatever the timer granularity).
 */
function delayedPipe(from, to, halfRtt, firstAt) {
  const queue = [];
  let timer;
  let ended = false;
  const pump = () => {
    timer = undefined;
    const now = performance.now();
    while (queue.length && queue[0].at <= now) {
      const { chunk } = queue.shift();
      if (!to.destroyed) to.write(chunk);
    }
    if (queue.length) timer = setTimeout(pump, queue[0].at - now);
    else if (ended) to.end();
  };
  from.on("data", (chunk) => {
    const at = Math.max(performance.now() + halfRtt, firstAt);
    queue.push({ chunk, at });
    timer ??= setTimeout(pump, at - performance.now());
  });
  // An end or a close travels like data: after what was sent before it.
  const finish = () => {
    ended = true;
    if (!timer) to.end();
  };
  from.on("end", finish);
  from.on("close", finish);
  from.on("error", () => {
    clearTimeout(timer);
    to.destroy();
  });
}

/**
 * Starts a relay on a free loopback port towards `targetPort`; `rtt` in ms. Resolves with
 * `{ port, close() }`.
 */
export function startRelay(targetPort, rtt) {
  const half = rtt / 2;
  const sockets = new Set();
  const server = net.createServer((client) => {
    const opened = performance.now();
    client.setNoDelay(true);
    const upstream = net.connect({ host: "127.0.0.1", port: targetPort, noDelay: true });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    // The client's first bytes leave after the handshake (one RTT) and arrive half an RTT later.
    delayedPipe(client, upstream, half, opened + rtt + half);
    delayedPipe(upstream, client, half, 0);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: server.address().port,
        close() {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      }),
    );
  });
}
