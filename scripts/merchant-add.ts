/**
 * `npm run merchant:add <email>`: gives an existing user the merchant role (app_metadata.role), so
 * /admin opens for them. `--remove` takes it away. Uses DATABASE_URL (.env), like the app; on
 * Supabase the same can be done in the SQL editor (README "Back office"). The role reaches the
 * user's access token at their next sign-in or token refresh.
 */
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { z } from "zod";
import { LOCAL_DEFAULTS } from "../lib/env-defaults";

const root = path.resolve(import.meta.dirname, "..");
if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));

const args = process.argv.slice(2);
const remove = args.includes("--remove");
const email = z.string().email().safeParse(args.find((a) => !a.startsWith("--")));
if (!email.success) {
  console.error("Usage: npm run merchant:add <email> [--remove]");
  process.exit(2);
}

const sql = postgres(process.env.DATABASE_URL ?? LOCAL_DEFAULTS.DATABASE_URL, { max: 1, onnotice: () => undefined, prepare: false });
try {
  const rows = remove
    ? await sql<{ id: string }[]>`update auth.users set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) - 'role'
                                  where lower(email) = lower(${email.data}) returning id`
    : await sql<{ id: string }[]>`update auth.users set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || '{"role": "merchant"}'::jsonb
                                  where lower(email) = lower(${email.data}) returning id`;
  if (rows.length === 0) {
    console.error(`No user with the email ${email.data}: sign up first, then run this again.`);
    process.exitCode = 1;
  } else {
    console.log(`${email.data} ${remove ? "is no longer a merchant" : "is a merchant"} (user ${rows[0]!.id}). It takes effect at their next sign-in.`);
  }
} finally {
  await sql.end({ timeout: 5 });
}
