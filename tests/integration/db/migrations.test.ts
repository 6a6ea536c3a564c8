import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { migrate, MIGRATIONS_DIR, seedOnce } from "@/local/db/migrate";

const baseUrl = inject("databaseUrl");
const dbName = `migr_${process.pid}_${Date.now()}`;
const url = baseUrl.replace(/\/postgres$/, `/${dbName}`);
const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });

async function schemaFingerprint(u: string): Promise<string> {
  const sql = postgres(u, { max: 1 });
  try {
    const rows = await sql`select table_schema, table_name, column_name, data_type from information_schema.columns
                           where table_schema in ('public', 'auth') order by 1, 2, 3`;
    const policies = await sql`select tablename, policyname from pg_policies order by 1, 2`;
    return JSON.stringify([rows, policies]);
  } finally {
    await sql.end();
  }
}

beforeAll(async () => {
  await admin.unsafe(`create database ${dbName}`);
});
afterAll(async () => {
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

describe("migrations", () => {
  it("apply once; applying them again is a no-op, and the seed runs once", async () => {
    const first = await migrate(url);
    expect(first.length).toBe(fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql")).length);
    expect(await seedOnce(url)).toBe(true);
    const before = await schemaFingerprint(url);
    expect(await migrate(url)).toEqual([]);
    expect(await seedOnce(url)).toBe(false);
    expect(await schemaFingerprint(url)).toBe(before);
    const sql = postgres(url, { max: 1 });
    const [row] = await sql<{ count: number }[]>`select count(*)::int as count from products`;
    await sql.end();
    expect(row!.count).toBeGreaterThanOrEqual(12);
  });

  it("a failing migration leaves no partial schema and is not recorded", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-migrations-"));
    for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, "29990101000000_broken.sql"),
      "create table public.half_done (id int);\nalter table public.products add column oops text;\nselect * from no_such_table;\n");
    await expect(migrate(url, { dir })).rejects.toThrow(/no_such_table/);
    const sql = postgres(url, { max: 1 });
    const tables = await sql`select 1 from information_schema.tables where table_name = 'half_done'`;
    const cols = await sql`select 1 from information_schema.columns where table_name = 'products' and column_name = 'oops'`;
    const recorded = await sql`select 1 from supabase_migrations.schema_migrations where version = '29990101000000'`;
    await sql.end();
    expect(tables.length + cols.length + recorded.length).toBe(0);
    fs.rmSync(dir, { recursive: true });
  });
});
