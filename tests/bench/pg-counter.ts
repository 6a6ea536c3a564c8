import net from "node:net";

/** Frontend message codes (https://www.postgresql.org/docs/current/protocol-message-formats.html). */
const SYNC = 0x53; // 'S': ends an extended-protocol batch; the server answers ReadyForQuery once per Sync
const QUERY = 0x51; // 'Q': a simple query; one ReadyForQuery each
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/**
 * A TCP relay between the app and Postgres that counts database round trips exactly: every Sync and
 * simple Query the client sends is one wait for the server's ReadyForQuery. Startup and
 * authentication messages are not counted.
 */
export async function startRoundTripCounter(target: { host: string; port: number }) {
  let roundTrips = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let pending: Buffer = Buffer.alloc(0);
    let startup = true;
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let at = 0;
      for (;;) {
        if (startup) {
          if (pending.length - at < 8) break;
          const len = pending.readInt32BE(at);
          if (pending.length - at < len) break;
          const code = pending.readInt32BE(at + 4);
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
          at += len;
          continue;
        }
        if (pending.length - at < 5) break;
        const len = pending.readInt32BE(at + 1);
        if (pending.length - at < len + 1) break;
        const type = pending[at]!;
        if (type === SYNC || type === QUERY) roundTrips++;
        at += len + 1;
      }
      pending = pending.subarray(at);
    });
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
    const close = () => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on("close", close).on("error", close);
    upstream.on("close", close).on("error", close);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    /** Round trips since the last reset. */
    read: () => roundTrips,
    reset: () => void (roundTrips = 0),
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}
