/**
 * A minimal SOCKS5 server (no authentication, CONNECT only) for proxy tests. It records the
 * destinations it was asked for and pipes bytes both ways.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";

/** A running SOCKS5 server. */
export interface Socks5Server {
  port: number;
  /** `host:port` of every CONNECT it served. */
  connections: string[];
  close(): Promise<void>;
}

function readDestination(buffer: Buffer): { host: string; port: number; length: number } | undefined {
  const type = buffer[3];
  if (type === 1 && buffer.length >= 10) {
    return { host: [...buffer.subarray(4, 8)].join("."), port: buffer.readUInt16BE(8), length: 10 };
  }
  if (type === 3 && buffer.length >= 5) {
    const size = buffer[4]!;
    if (buffer.length < 5 + size + 2) return undefined;
    return { host: buffer.subarray(5, 5 + size).toString("utf8"), port: buffer.readUInt16BE(5 + size), length: 7 + size };
  }
  return undefined;
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startSocks5Server(): Promise<Socks5Server> {
  const connections: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    let stage: "greeting" | "request" = "greeting";
    let pending = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      if (stage === "greeting") {
        if (pending.length < 2 || pending.length < 2 + pending[1]!) return;
        pending = pending.subarray(2 + pending[1]!);
        client.write(Buffer.from([5, 0]));
        stage = "request";
      }
      const destination = readDestination(pending);
      if (!destination) return;
      client.off("data", onData);
      const rest = pending.subarray(destination.length);
      connections.push(`${destination.host}:${destination.port}`);
      const upstream = net.connect(destination.port, destination.host, () => {
        client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
        if (rest.length) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on("close", () => sockets.delete(upstream));
      upstream.on("error", () => {
        client.end(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0]));
      });
    };
    client.on("data", onData);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
