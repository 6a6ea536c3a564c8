import { describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { LOCAL_DEFAULTS } from "@/lib/env-defaults";
import { REAL_PRODUCTION, scopedEnv } from "../helpers/env";

const withEnv = scopedEnv();

/** The refusal lines getEnv throws with (after its header line), or [] when it starts. */
function refusals(): string[] {
  try {
    getEnv();
    return [];
  } catch (error) {
    const [header, ...lines] = (error as Error).message.split("\n");
    expect(header).toBe("Refusing to start in production:");
    return lines;
  }
}

describe("environment", () => {
  it("falls back to the local stack's values in development, with Stripe pointed at the emulator", () => {
    withEnv({ NODE_ENV: "development", DATABASE_URL: undefined, STRIPE_SECRET_KEY: undefined, STRIPE_API_URL: undefined });
    const env = getEnv();
    expect(env.DATABASE_URL).toBe(LOCAL_DEFAULTS.DATABASE_URL);
    expect(env.STRIPE_API_URL).toBe(LOCAL_DEFAULTS.STRIPE_API_URL);
    expect(env.stripeIsLocal).toBe(true);
    expect(env.APP_URL).toBeUndefined();
  });

  it("uses real Stripe when a secret key is set without STRIPE_API_URL", () => {
    withEnv({ NODE_ENV: "development", STRIPE_SECRET_KEY: "sk_test_real", STRIPE_API_URL: undefined });
    expect(getEnv()).toMatchObject({ STRIPE_API_URL: undefined, stripeIsLocal: false });
  });

  it("rejects malformed values with one line naming each variable", () => {
    withEnv({ NODE_ENV: "development", STRIPE_SECRET_KEY: "pk_test_wrong", NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "sk_test_wrong" });
    expect(() => getEnv()).toThrow(
      "Invalid environment:\nSTRIPE_SECRET_KEY: must be a Stripe secret key (sk_… or rk_…)\nNEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: must be a Stripe publishable key (pk_…)",
    );
  });

  it("keeps APP_URL as a bare origin and refuses one with a path", () => {
    withEnv({ NODE_ENV: "development", APP_URL: "https://shop.example/" });
    expect(getEnv().APP_URL).toBe("https://shop.example");
    withEnv({ NODE_ENV: "development", APP_URL: "https://shop.example/store" });
    expect(() => getEnv()).toThrow(/^Invalid environment:\nAPP_URL: must be an origin only/);
  });
});

describe("production", () => {
  it("starts with real values", () => {
    withEnv(REAL_PRODUCTION);
    expect(refusals()).toEqual([]);
    expect(getEnv()).toMatchObject({ stripeIsLocal: false, APP_URL: "https://shop.example" });
  });

  it("refuses everything local at once, one line per variable", () => {
    withEnv({
      NODE_ENV: "production",
      ALLOW_LOCAL_STACK: undefined,
      APP_URL: undefined,
      DATABASE_URL: undefined,
      STRIPE_SECRET_KEY: undefined,
      STRIPE_API_URL: undefined,
      STRIPE_WEBHOOK_SECRET: undefined,
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: undefined,
      NEXT_PUBLIC_SUPABASE_URL: undefined,
      NEXT_PUBLIC_SUPABASE_ANON_KEY: undefined,
      CRON_SECRET: undefined,
    });
    expect(refusals().map((l) => l.split(" ")[0])).toEqual([
      "APP_URL",
      "DATABASE_URL",
      "STRIPE_SECRET_KEY",
      "STRIPE_WEBHOOK_SECRET",
      "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
      "NEXT_PUBLIC_SUPABASE_URL",
      "NEXT_PUBLIC_SUPABASE_ANON_KEY",
      "CRON_SECRET",
    ]);
  });

  it("requires APP_URL, saying what it is", () => {
    withEnv({ ...REAL_PRODUCTION, APP_URL: undefined });
    expect(refusals()).toEqual([
      "APP_URL is required in production (the shop's public URL, e.g. https://shop.example); redirect URLs never come from request headers",
    ]);
  });

  // Each refusal alone: one line, naming the variable, saying what to set.
  const refused: [string, Record<string, string | undefined>, RegExp][] = [
    ["APP_URL on loopback", { APP_URL: LOCAL_DEFAULTS.APP_URL }, /^APP_URL must be the shop's public https URL in production .*not http:\/\/127\.0\.0\.1:3000$/],
    ["APP_URL over plain http", { APP_URL: "http://shop.example" }, /^APP_URL must be the shop's public https URL/],
    ["DATABASE_URL missing", { DATABASE_URL: undefined }, /^DATABASE_URL is required in production \(Supabase → Connect → Transaction pooler/],
    ["DATABASE_URL local", { DATABASE_URL: LOCAL_DEFAULTS.DATABASE_URL }, /^DATABASE_URL points at the local development database; set your Supabase connection string/],
    ["DATABASE_URL local on another port", { DATABASE_URL: "postgres://postgres:postgres@localhost:54390/postgres" }, /^DATABASE_URL points at the local development database/],
    ["STRIPE_SECRET_KEY missing", { STRIPE_SECRET_KEY: undefined }, /^STRIPE_SECRET_KEY is required in production \(Stripe Dashboard → Developers → API keys/],
    ["STRIPE_SECRET_KEY local", { STRIPE_SECRET_KEY: LOCAL_DEFAULTS.STRIPE_SECRET_KEY, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_test_real" }, /^STRIPE_SECRET_KEY is the local emulator's key; set your key/],
    ["STRIPE_API_URL set", { STRIPE_API_URL: LOCAL_DEFAULTS.STRIPE_API_URL }, /^STRIPE_API_URL points the Stripe SDK at the local emulator; remove it in production$/],
    ["STRIPE_WEBHOOK_SECRET missing", { STRIPE_WEBHOOK_SECRET: undefined }, /^STRIPE_WEBHOOK_SECRET is required in production \(Stripe Dashboard → Webhooks/],
    ["STRIPE_WEBHOOK_SECRET local", { STRIPE_WEBHOOK_SECRET: LOCAL_DEFAULTS.STRIPE_WEBHOOK_SECRET }, /^STRIPE_WEBHOOK_SECRET is the local emulator's secret/],
    ["NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY missing", { NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: undefined }, /^NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is required in production \(.*pk_live_…\)$/],
    ["NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY local", { NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: LOCAL_DEFAULTS.STRIPE_PUBLISHABLE_KEY }, /^NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is the local emulator's key/],
    ["NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY of the other mode", { NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_test_real" }, /^NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is a test key but STRIPE_SECRET_KEY is a live key/],
    ["NEXT_PUBLIC_SUPABASE_URL missing", { NEXT_PUBLIC_SUPABASE_URL: undefined }, /^NEXT_PUBLIC_SUPABASE_URL is required in production \(Supabase → Project Settings → API/],
    ["NEXT_PUBLIC_SUPABASE_URL local", { NEXT_PUBLIC_SUPABASE_URL: LOCAL_DEFAULTS.SUPABASE_URL }, /^NEXT_PUBLIC_SUPABASE_URL points at the local Auth stand-in/],
    ["NEXT_PUBLIC_SUPABASE_ANON_KEY missing", { NEXT_PUBLIC_SUPABASE_ANON_KEY: undefined }, /^NEXT_PUBLIC_SUPABASE_ANON_KEY is required in production/],
    ["NEXT_PUBLIC_SUPABASE_ANON_KEY local", { NEXT_PUBLIC_SUPABASE_ANON_KEY: LOCAL_DEFAULTS.SUPABASE_ANON_KEY }, /^NEXT_PUBLIC_SUPABASE_ANON_KEY is the local Auth stand-in's key/],
    ["SUPABASE_SERVICE_ROLE_KEY local", { SUPABASE_SERVICE_ROLE_KEY: LOCAL_DEFAULTS.SUPABASE_SERVICE_ROLE_KEY }, /^SUPABASE_SERVICE_ROLE_KEY is the local Auth stand-in's key/],
    ["CRON_SECRET missing", { CRON_SECRET: undefined }, /^CRON_SECRET is required in production \(a random string of at least 16 characters/],
    ["CRON_SECRET local", { CRON_SECRET: LOCAL_DEFAULTS.CRON_SECRET }, /^CRON_SECRET is the local development value/],
  ];
  it.each(refused)("refuses %s in one line", (_name, change, line) => {
    withEnv({ ...REAL_PRODUCTION, ...change });
    const lines = refusals();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });

  it("with ALLOW_LOCAL_STACK=1 accepts the local stack's values but still requires APP_URL", () => {
    const local = { NODE_ENV: "production", ALLOW_LOCAL_STACK: "1", DATABASE_URL: undefined, STRIPE_SECRET_KEY: undefined, STRIPE_API_URL: undefined };
    withEnv({ ...local, APP_URL: LOCAL_DEFAULTS.APP_URL });
    expect(refusals()).toEqual([]);
    expect(getEnv().stripeIsLocal).toBe(true);
    withEnv({ ...local, APP_URL: undefined });
    expect(refusals()).toHaveLength(1);
    expect(refusals()[0]).toMatch(/^APP_URL is required in production/);
  });

  it("development and tests never refuse the local values", () => {
    withEnv({ ...REAL_PRODUCTION, NODE_ENV: "development", APP_URL: undefined, DATABASE_URL: undefined, CRON_SECRET: undefined });
    expect(() => getEnv()).not.toThrow();
  });
});
