import { afterEach } from "vitest";
import { resetEnvCache } from "@/lib/env";

/** A production environment with real-looking values for every variable production checks. */
export const REAL_PRODUCTION = {
  NODE_ENV: "production",
  ALLOW_LOCAL_STACK: undefined,
  APP_URL: "https://shop.example",
  DATABASE_URL: "postgres://postgres.abcdefghijklmnop:s3cret@aws-0-eu-west-1.pooler.supabase.com:6543/postgres",
  STRIPE_SECRET_KEY: "sk_live_realkey",
  STRIPE_API_URL: undefined,
  STRIPE_WEBHOOK_SECRET: "whsec_real",
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_live_realkey",
  NEXT_PUBLIC_SUPABASE_URL: "https://abcdefghijklmnop.supabase.co",
  NEXT_PUBLIC_SUPABASE_ANON_KEY: "sb_publishable_real",
  SUPABASE_SERVICE_ROLE_KEY: undefined,
  CRON_SECRET: "a-real-cron-secret-of-length",
} as const;

/**
 * process.env for one test: `withEnv` replaces the listed variables (undefined deletes one) on top of
 * the worker's environment; everything is restored after each test.
 */
export function scopedEnv(): (vars: Record<string, string | undefined>) => void {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetEnvCache();
  });
  return (vars) => {
    process.env = { ...saved };
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  };
}
