import { LOCAL_DEFAULTS } from "./env-defaults";

/** The values production checks; `Env` (lib/env.ts) satisfies it. */
export interface ProductionConfig {
  ALLOW_LOCAL_STACK: "0" | "1";
  APP_URL?: string;
  DATABASE_URL: string;
  STRIPE_SECRET_KEY: string;
  STRIPE_WEBHOOK_SECRET: string;
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: string;
  NEXT_PUBLIC_SUPABASE_URL: string;
  NEXT_PUBLIC_SUPABASE_ANON_KEY: string;
  SUPABASE_SERVICE_ROLE_KEY?: string;
  CRON_SECRET: string;
}

/** True when the variable was given (not left to the local stack's default). */
export type IsSet = (name: string) => boolean;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const isLoopback = (url: string) => LOOPBACK_HOSTS.has(new URL(url).hostname);

/** The local stack's database: its URL, or any loopback one with its well-known postgres/postgres login. */
function isLocalDatabase(url: string): boolean {
  if (url === LOCAL_DEFAULTS.DATABASE_URL) return true;
  const u = new URL(url);
  return isLoopback(url) && decodeURIComponent(u.username) === "postgres" && decodeURIComponent(u.password) === "postgres";
}

const stripeMode = (key: string) => (/_live_/.test(key) ? "live" : "test");

/**
 * Every reason production must not start, one line each, naming the variable and what to set.
 * ALLOW_LOCAL_STACK=1 (a production build against the offline stack: e2e tests, benchmark) accepts
 * the local values, but still needs APP_URL: redirect URLs never come from request headers in production.
 */
export function productionRefusals(env: ProductionConfig, isSet: IsSet): string[] {
  const refusals: string[] = [];
  const refuse = (line: string) => refusals.push(line);

  if (!env.APP_URL) {
    refuse("APP_URL is required in production (the shop's public URL, e.g. https://shop.example); redirect URLs never come from request headers");
  }
  if (env.ALLOW_LOCAL_STACK === "1") return refusals;

  if (env.APP_URL && (isLoopback(env.APP_URL) || !env.APP_URL.startsWith("https://"))) {
    refuse(`APP_URL must be the shop's public https URL in production (e.g. https://shop.example), not ${env.APP_URL}`);
  }
  if (!isSet("DATABASE_URL")) {
    refuse("DATABASE_URL is required in production (Supabase → Connect → Transaction pooler, port 6543)");
  } else if (isLocalDatabase(env.DATABASE_URL)) {
    refuse("DATABASE_URL points at the local development database; set your Supabase connection string (Connect → Transaction pooler, port 6543)");
  }
  if (!isSet("STRIPE_SECRET_KEY")) {
    refuse("STRIPE_SECRET_KEY is required in production (Stripe Dashboard → Developers → API keys: sk_live_… or a restricted rk_live_…)");
  } else if (env.STRIPE_SECRET_KEY === LOCAL_DEFAULTS.STRIPE_SECRET_KEY) {
    refuse("STRIPE_SECRET_KEY is the local emulator's key; set your key from Stripe Dashboard → Developers → API keys");
  }
  if (isSet("STRIPE_API_URL")) {
    refuse("STRIPE_API_URL points the Stripe SDK at the local emulator; remove it in production");
  }
  if (!isSet("STRIPE_WEBHOOK_SECRET")) {
    refuse("STRIPE_WEBHOOK_SECRET is required in production (Stripe Dashboard → Webhooks → your /api/webhooks/stripe endpoint → Signing secret)");
  } else if (env.STRIPE_WEBHOOK_SECRET === LOCAL_DEFAULTS.STRIPE_WEBHOOK_SECRET) {
    refuse("STRIPE_WEBHOOK_SECRET is the local emulator's secret; set your endpoint's signing secret (Stripe Dashboard → Webhooks)");
  }
  if (!isSet("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY")) {
    refuse("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is required in production (Stripe Dashboard → Developers → API keys: pk_live_…)");
  } else if (env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY === LOCAL_DEFAULTS.STRIPE_PUBLISHABLE_KEY) {
    refuse("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is the local emulator's key; set your publishable key (Stripe Dashboard → Developers → API keys)");
  } else if (isSet("STRIPE_SECRET_KEY") && stripeMode(env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY) !== stripeMode(env.STRIPE_SECRET_KEY)) {
    refuse(
      `NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is a ${stripeMode(env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY)} key but STRIPE_SECRET_KEY is a ${stripeMode(env.STRIPE_SECRET_KEY)} key; use both keys of the same Stripe mode`,
    );
  }
  if (!isSet("NEXT_PUBLIC_SUPABASE_URL")) {
    refuse("NEXT_PUBLIC_SUPABASE_URL is required in production (Supabase → Project Settings → API → Project URL, https://<ref>.supabase.co)");
  } else if (isLoopback(env.NEXT_PUBLIC_SUPABASE_URL)) {
    refuse("NEXT_PUBLIC_SUPABASE_URL points at the local Auth stand-in; set your project URL (Supabase → Project Settings → API)");
  }
  if (!isSet("NEXT_PUBLIC_SUPABASE_ANON_KEY")) {
    refuse("NEXT_PUBLIC_SUPABASE_ANON_KEY is required in production (Supabase → Project Settings → API keys: the publishable or anon key)");
  } else if (env.NEXT_PUBLIC_SUPABASE_ANON_KEY === LOCAL_DEFAULTS.SUPABASE_ANON_KEY) {
    refuse("NEXT_PUBLIC_SUPABASE_ANON_KEY is the local Auth stand-in's key; set your project's publishable or anon key (Supabase → Project Settings → API keys)");
  }
  if (env.SUPABASE_SERVICE_ROLE_KEY === LOCAL_DEFAULTS.SUPABASE_SERVICE_ROLE_KEY) {
    refuse("SUPABASE_SERVICE_ROLE_KEY is the local Auth stand-in's key; set your project's secret key (Supabase → Project Settings → API keys) or leave it unset");
  }
  if (!isSet("CRON_SECRET")) {
    refuse("CRON_SECRET is required in production (a random string of at least 16 characters; Vercel Cron sends it as a Bearer token)");
  } else if (env.CRON_SECRET === LOCAL_DEFAULTS.CRON_SECRET) {
    refuse("CRON_SECRET is the local development value; set a random string of at least 16 characters");
  }
  return refusals;
}
