/**
 * Fixed, well-known development values for the offline stack (like Supabase's local keys).
 * They are public on purpose: production refuses to start with any of them (see lib/env.ts).
 */
export const LOCAL_DEFAULTS = {
  DATABASE_URL: "postgres://postgres:postgres@127.0.0.1:54322/postgres",
  STRIPE_SECRET_KEY: "sk_test_local_emulator_0000000000000000",
  STRIPE_PUBLISHABLE_KEY: "pk_test_local_emulator_0000000000000000",
  STRIPE_WEBHOOK_SECRET: "whsec_local_emulator_0000000000000000",
  STRIPE_API_URL: "http://127.0.0.1:12111",
  SUPABASE_URL: "http://127.0.0.1:54321",
  SUPABASE_ANON_KEY: "sb_publishable_local_anon_key_0000000000",
  SUPABASE_SERVICE_ROLE_KEY: "sb_secret_local_service_key_0000000000",
  CRON_SECRET: "local-cron-secret-0000000000",
  APP_URL: "http://127.0.0.1:3000",
} as const;
