import crypto from "node:crypto";
import postgres from "postgres";
import { hashPassword } from "../auth/password";

/** The local stack's merchant (README "Back office"); development only, like the other local defaults. */
export const LOCAL_MERCHANT = { email: "merchant@example.test", password: "merchant-password" } as const;

/**
 * Makes sure the local merchant exists, confirmed, with app_metadata.role = "merchant" and a password
 * the auth stand-in accepts (its scrypt format, local/auth/password.ts). Idempotent; a password the
 * merchant changed is kept.
 */
export async function seedMerchant(databaseUrl: string, merchant: { email: string; password: string } = LOCAL_MERCHANT): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const appMetadata = { provider: "email", providers: ["email"], role: "merchant" };
    const [existing] = await sql<{ id: string }[]>`select id from auth.users where lower(email) = lower(${merchant.email})`;
    if (existing) {
      await sql`update auth.users set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || '{"role": "merchant"}'::jsonb,
                  email_confirmed_at = coalesce(email_confirmed_at, now())
                where id = ${existing.id}`;
      return;
    }
    const hash = await hashPassword(merchant.password);
    await sql`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                                      raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
              values ('00000000-0000-0000-0000-000000000000', ${crypto.randomUUID()}, 'authenticated', 'authenticated',
                      ${merchant.email}, ${hash}, now(), ${sql.json(appMetadata)}, '{}'::jsonb, now(), now())`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
