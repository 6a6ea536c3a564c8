import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startLocalPostgres, type LocalPostgres } from "@/local/db/postgres";
import { freePort } from "@/tests/setup/global-db";

// Only root has the problem: Postgres then runs as the `postgres` system user, who cannot enter
// a 0700 directory such as root's home or `mktemp -d`. (.ci/run also runs the db tests from a
// clone in such a directory, which covers the binaries inside node_modules.)
const isRoot = process.getuid?.() === 0;
const home = fs.mkdtempSync(path.join(os.tmpdir(), "private-home-")); // 0700, like mktemp -d
let last: LocalPostgres | undefined;

afterAll(async () => {
  await last?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

async function tables(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    return (await sql<{ t: string }[]>`select tablename as t from pg_tables where schemaname = 'public'`).map((r) => r.t);
  } finally {
    await sql.end();
  }
}

describe.skipIf(!isRoot)("local Postgres as root inside a private directory", () => {
  it("keeps the data where the postgres user can reach it, across restarts, until the project's data directory is deleted", async () => {
    const dataDir = path.join(home, "shop", ".data", "pg");
    const port = await freePort();
    const notices: string[] = [];

    last = await startLocalPostgres({ dataDir, port, notice: (line) => notices.push(line) });
    expect(last.dataDir.startsWith(home)).toBe(false);
    expect(notices).toEqual([expect.stringContaining(dataDir)]);
    expect(fs.readFileSync(path.join(dataDir, "RELOCATED.txt"), "utf8")).toContain(last.dataDir);
    const sql = postgres(last.url, { max: 1, onnotice: () => undefined });
    await sql`create table kept (id int)`;
    await sql.end();
    await last.stop();

    last = await startLocalPostgres({ dataDir, port, notice: () => undefined });
    expect(await tables(last.url)).toEqual(["kept"]);
    await last.stop();

    fs.rmSync(path.dirname(dataDir), { recursive: true }); // `rm -rf .data`: a fresh shop next time
    last = await startLocalPostgres({ dataDir, port, persistent: false, notice: () => undefined });
    expect(await tables(last.url)).toEqual([]);
    const relocated = last.dataDir;
    await last.stop();
    last = undefined;
    expect(fs.existsSync(relocated)).toBe(false);
  });
});
