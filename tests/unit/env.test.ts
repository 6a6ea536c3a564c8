import { afterEach, describe, expect, it } from "vitest";
import { getEnv, resetEnvCache } from "@/lib/env";
import { LOCAL_DEFAULTS } from "@/lib/env-defaults";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function withEnv(vars: Record<string, string | undefined>) {
  process.env = { ...saved };
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

const REAL = {
  DATABASE_URL: "postgres://u:p@db.example.com:6543/postgres",
  STRIPE_SECRET_KEY: "sk_live_realkey",
  STRIPE_API_URL: undefined,
  STRIPE_WEBHOOK_SECRET: "whsec_real",
  NEXT_PUBLIC_SUPABASE_ANON_KEY: "sb_publishable_real",
  CRON_SECRET: "a-real-cron-secret-of-length",
};

describe("environment", () => {
  it("falls back to the local stack's values in development, with Stripe pointed at the emulator", () => {
    withEnv({ NODE_ENV: "development", DATABASE_URL: undefined, STRIPE_SECRET_KEY: undefined, STRIPE_API_URL: undefined });
    const env = getEnv();
    expect(env.DATABASE_URL).toBe(LOCAL_DEFAULTS.DATABASE_URL);
    expect(env.STRIPE_API_URL).toBe(LOCAL_DEFAULTS.STRIPE_API_URL);
    expect(env.stripeIsLocal).toBe(true);
  });

  it("uses real Stripe when a secret key is set without STRIPE_API_URL", () => {
    withEnv({ NODE_ENV: "development", STRIPE_SECRET_KEY: "sk_test_real", STRIPE_API_URL: undefined });
    expect(getEnv()).toMatchObject({ STRIPE_API_URL: undefined, stripeIsLocal: false });
  });

  it("refuses to start in production with local defaults, naming them", () => {
    withEnv({ NODE_ENV: "production", ALLOW_LOCAL_STACK: undefined, DATABASE_URL: undefined, STRIPE_SECRET_KEY: undefined, STRIPE_API_URL: undefined });
    expect(() => getEnv()).toThrow(/Refusing to start in production.*DATABASE_URL.*STRIPE_SECRET_KEY/);
  });

  it("starts in production with real values, or with ALLOW_LOCAL_STACK=1", () => {
    withEnv({ NODE_ENV: "production", ALLOW_LOCAL_STACK: undefined, ...REAL });
    expect(getEnv().stripeIsLocal).toBe(false);
    withEnv({ NODE_ENV: "production", ALLOW_LOCAL_STACK: "1", DATABASE_URL: undefined });
    expect(() => getEnv()).not.toThrow();
  });

  it("rejects malformed values with a clear message", () => {
    withEnv({ NODE_ENV: "development", STRIPE_SECRET_KEY: "pk_test_wrong" });
    expect(() => getEnv()).toThrow(/STRIPE_SECRET_KEY/);
  });
});
