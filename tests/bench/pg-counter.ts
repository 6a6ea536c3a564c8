import net from "node:net";

/** Message codes (https://www.postgresql.org/docs/current/protocol-message-formats.html). */
const SYNC = 0x53; // frontend 'S': ends an extended-protocol batch; the server answers one ReadyForQuery per Sync
const QUERY = 0x51; // frontend 'Q': a simple query; one ReadyForQuery each
const READY_FOR_QUERY = 0x5a; // backend 'Z'
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/** Splits a stream of typed protocol messages (1 type byte + int32 length), calling `on` per message type. */
function messageReader(on: (type: number) => void, opts: { startup: boolean }) {
  let pending: Buffer = Buffer.alloc(0);
  let startup = opts.startup;
  let sslAnswer = false;
  return {
    /** The client asked for SSL/GSS encryption: the server answers one untyped byte first. */
    expectSslAnswer: () => void (sslAnswer = true),
    feed(chunk: Buffer, onStartupCode?: (code: number) => void) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let at = 0;
      for (;;) {
        if (sslAnswer) {
          if (pending.length - at < 1) break;
          sslAnswer = false;
          at += 1;
          continue;
        }
        if (startup) {
          if (pending.length - at < 8) break;
          const len = pending.readInt32BE(at);
          if (pending.length - at < len) break;
          const code = pending.readInt32BE(at + 4);
          onStartupCode?.(code);
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
          at += len;
          continue;
        }
        if (pending.length - at < 5) break;
        const len = pending.readInt32BE(at + 1);
        if (pending.length - at < len + 1) break;
        on(pending[at]!);
        at += len + 1;
      }
      pending = pending.subarray(at);
    },
  };
}

/**
 * A TCP relay between the app and Postgres that counts database round trips exactly: a round trip
 * starts when the client sends a Sync or a simple Query while it waits for no answer on that
 * connection, and lasts until the server has answered every one (ReadyForQuery). Statements sent
 * together (pipelined) are one round trip, as they cost one wait. Startup and authentication are
 * not counted.
 */
export async function startRoundTripCounter(target: { host: string; port: number }) {
  let roundTrips = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let outstanding = 0;
    const fromServer = messageReader((type) => {
      if (type === READY_FOR_QUERY && outstanding > 0) outstanding--;
    }, { startup: false });
    const fromClient = messageReader((type) => {
      if (type !== SYNC && type !== QUERY) return;
      if (outstanding === 0) roundTrips++;
      outstanding++;
    }, { startup: true });
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      fromClient.feed(chunk, (code) => {
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) fromServer.expectSslAnswer();
      });
    });
    upstream.on("data", (chunk: Buffer) => {
      client.write(chunk);
      fromServer.feed(chunk);
    });
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
