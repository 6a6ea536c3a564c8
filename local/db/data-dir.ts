import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sharedTempParent } from "./binaries";
import { canSearch, rootOwnedDir, type SystemUser } from "./system-user";

export const RELOCATION_NOTE = "RELOCATED.txt";

export interface DataDir {
  /** Where Postgres keeps its files. */
  dir: string;
  /** Set when `dir` is not the requested path (see prepareDataDir). */
  relocatedFrom?: string;
  /** Deletes the data (and the note left at the requested path). */
  remove(): void;
}

/**
 * Where the cluster lives. Normally the requested path. As root, when the `postgres` user cannot
 * reach it (a project inside /root or `mktemp -d`), the cluster lives in a root-owned directory
 * under /var/tmp named after the requested path, and the requested path holds a note saying so.
 * The note ties the two: deleting the project's data directory (e.g. `rm -rf .data`, `--fresh`)
 * removes the note, and the next start begins with an empty cluster rather than a stale one.
 */
export function prepareDataDir(requested: string, runAs: SystemUser | null): DataDir {
  const parent = path.dirname(requested);
  fs.mkdirSync(parent, { recursive: true });
  const inPlace = (dir: string, relocatedFrom?: string, relocationHome?: string): DataDir => {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid);
    return {
      dir,
      relocatedFrom,
      remove: () => {
        fs.rmSync(relocationHome ?? dir, { recursive: true, force: true });
        if (relocatedFrom) fs.rmSync(relocatedFrom, { recursive: true, force: true });
      },
    };
  };
  if (!runAs || canSearch(runAs, parent)) return inPlace(requested);

  const key = crypto.createHash("sha256").update(requested).digest("hex").slice(0, 16);
  const home = rootOwnedDir(rootOwnedDir(sharedTempParent(), "embedded-postgres"), `data-${key}`);
  const real = path.join(home, "pg");
  const note = path.join(requested, RELOCATION_NOTE);
  if (!fs.existsSync(note)) {
    fs.rmSync(real, { recursive: true, force: true }); // the project's data was deleted: start empty
    fs.mkdirSync(requested, { recursive: true });
    fs.writeFileSync(
      note,
      `The Postgres data for this directory lives in ${real}\n` +
        `(the ${runAs.name} system user cannot reach this path). Delete this directory to start over.\n`,
    );
  }
  return inPlace(real, requested, home);
}
