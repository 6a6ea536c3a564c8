import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import postgres from "postgres";

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../supabase/migrations");
export const SEED_FILE = path.resolve(import.meta.dirname, "../../supabase/seed.sql");
/** Stand-ins for what a Supabase database provides (roles, schema auth); a no-op on Supabase. */
export const PLATFORM_FILE = path.resolve(import.meta.dirname, "supabase-platform.sql");

/**
 * Applies pending supabase/migrations/*.sql in name order, each in its own transaction, tracked in
 * supabase_migrations.schema_migrations (the Supabase CLI's own table, so `supabase db push` agrees).
 * First applies supabase-platform.sql (what Supabase's image provides) unless `platform: false`,
 * which is exactly what `supabase db push` does.
 */
export async function migrate(
  databaseUrl: string,
  opts: { dir?: string; log?: (line: string) => void; platform?: boolean } = {},
): Promise<string[]> {
  const dir = opts.dir ?? MIGRATIONS_DIR;
  const log = opts.log ?? (() => undefined);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    if (opts.platform ?? true) await sql.begin((tx) => tx.unsafe(fs.readFileSync(PLATFORM_FILE, "utf8")));
    await sql`create schema if not exists supabase_migrations`;
    await sql`create table if not exists supabase_migrations.schema_migrations (
      version text primary key, statements text[], name text)`;
    const applied = new Set(
      (await sql<{ version: string }[]>`select version from supabase_migrations.schema_migrations`).map((r) => r.version),
    );
    const files = fs.readdirSync(dir).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
    const done: string[] = [];
    for (const file of files) {
      const [version, ...rest] = file.replace(/\.sql$/, "").split("_");
      if (!version || applied.has(version)) continue;
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      await sql.begin(async (tx) => {
        await tx.unsafe(text);
        await tx`insert into supabase_migrations.schema_migrations (version, statements, name)
                 values (${version}, ${[text]}, ${rest.join("_")})`;
      });
      log(`applied migration ${file}`);
      done.push(file);
    }
    return done;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Runs seed.sql once per database (tracked like the Supabase CLI's seed_files). */
export async function seedOnce(databaseUrl: string, file = SEED_FILE): Promise<boolean> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    await sql`create table if not exists supabase_migrations.seed_files (path text primary key, hash text not null)`;
    const rel = path.basename(file);
    const [seen] = await sql`select 1 from supabase_migrations.seed_files where path = ${rel}`;
    if (seen) return false;
    const text = fs.readFileSync(file, "utf8");
    const hash = crypto.createHash("sha256").update(text).digest("hex");
    await sql.begin(async (tx) => {
      await tx.unsafe(text);
      await tx`insert into supabase_migrations.seed_files (path, hash) values (${rel}, ${hash})`;
    });
    return true;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
