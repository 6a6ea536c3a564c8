/**
 * `npm run db:migrate`: applies pending supabase/migrations to DATABASE_URL (from .env, else the
 * local stack's database), after the local stand-ins for Supabase's roles and schema auth, which
 * execute nothing on a Supabase database. `--seed` also runs supabase/seed.sql once.
 * On Supabase, `supabase db push` does the same and is the documented path.
 */
import fs from "node:fs";
import path from "node:path";
import { LOCAL_DEFAULTS } from "../../lib/env-defaults";
import { migrate, seedOnce } from "./migrate";

const root = path.resolve(import.meta.dirname, "../..");
if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
const databaseUrl = process.env.DATABASE_URL ?? LOCAL_DEFAULTS.DATABASE_URL;

try {
  const applied = await migrate(databaseUrl, { log: (line) => console.log(line) });
  console.log(applied.length ? `${applied.length} migrations applied` : "no pending migrations");
  if (process.argv.includes("--seed")) console.log((await seedOnce(databaseUrl)) ? "seeded" : "seed already applied");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
