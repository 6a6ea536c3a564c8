import { z } from "zod";
import { LOCAL_DEFAULTS } from "./env-defaults";

/**
 * Server environment, validated once on first use (not at import, so `next build` needs no secrets).
 * Missing values fall back to the offline stack's well-known defaults; production refuses them.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  ALLOW_LOCAL_STACK: z.enum(["0", "1"]).default("0"),
  DATABASE_URL: z.string().url().default(LOCAL_DEFAULTS.DATABASE_URL),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_PREPARE: z.enum(["true", "false"]).default("true"),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, "must be a Stripe secret key").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").default(LOCAL_DEFAULTS.STRIPE_WEBHOOK_SECRET),
  STRIPE_API_URL: z.string().url().optional(),
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: z.string().default(LOCAL_DEFAULTS.STRIPE_PUBLISHABLE_KEY),
  NEXT_PUBLIC_SUPABASE_URL: z.string().url().default(LOCAL_DEFAULTS.SUPABASE_URL),
  NEXT_PUBLIC_SUPABASE_ANON_KEY: z.string().min(1).default(LOCAL_DEFAULTS.SUPABASE_ANON_KEY),
  APP_URL: z.string().url().optional(),
  RESERVATION_TTL_MINUTES: z.coerce.number().int().min(30).max(1440).default(30),
  CRON_SECRET: z.string().min(16).default(LOCAL_DEFAULTS.CRON_SECRET),
  // Abuse limits (README "Limits"): checkout attempts per window per cart, user or trusted client
  // address (0 = off); where the client address may be read from; unpaid orders holding stock per shopper.
  CHECKOUT_RATE_LIMIT: z.coerce.number().int().min(0).max(100_000).default(10),
  CHECKOUT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  TRUST_PROXY_HEADERS: z.enum(["none", "vercel"]).default("none"),
  MAX_UNPAID_ORDERS: z.coerce.number().int().min(1).max(100).default(3),
});

export type Env = z.infer<typeof schema> & {
  STRIPE_SECRET_KEY: string;
  /** True when Stripe calls go to the local emulator. */
  stripeIsLocal: boolean;
};

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${fields}`);
  }
  const raw = parsed.data;
  const usingLocalStripe = raw.STRIPE_SECRET_KEY === undefined;
  const env: Env = {
    ...raw,
    STRIPE_SECRET_KEY: raw.STRIPE_SECRET_KEY ?? LOCAL_DEFAULTS.STRIPE_SECRET_KEY,
    STRIPE_API_URL: raw.STRIPE_API_URL ?? (usingLocalStripe ? LOCAL_DEFAULTS.STRIPE_API_URL : undefined),
    stripeIsLocal: usingLocalStripe || raw.STRIPE_API_URL !== undefined,
  };
  refuseLocalDefaultsInProduction(env);
  cached = env;
  return env;
}

function refuseLocalDefaultsInProduction(env: Env): void {
  if (env.NODE_ENV !== "production" || env.ALLOW_LOCAL_STACK === "1") return;
  const offenders: string[] = [];
  if (env.DATABASE_URL === LOCAL_DEFAULTS.DATABASE_URL) offenders.push("DATABASE_URL");
  if (env.STRIPE_SECRET_KEY === LOCAL_DEFAULTS.STRIPE_SECRET_KEY) offenders.push("STRIPE_SECRET_KEY");
  if (env.STRIPE_WEBHOOK_SECRET === LOCAL_DEFAULTS.STRIPE_WEBHOOK_SECRET) offenders.push("STRIPE_WEBHOOK_SECRET");
  if (env.STRIPE_API_URL !== undefined) offenders.push("STRIPE_API_URL");
  if (env.NEXT_PUBLIC_SUPABASE_ANON_KEY === LOCAL_DEFAULTS.SUPABASE_ANON_KEY) offenders.push("NEXT_PUBLIC_SUPABASE_ANON_KEY");
  if (env.CRON_SECRET === LOCAL_DEFAULTS.CRON_SECRET) offenders.push("CRON_SECRET");
  if (offenders.length > 0) {
    throw new Error(
      `Refusing to start in production with local development values for ${offenders.join(", ")}. ` +
        "Set real values (see .env.example), or ALLOW_LOCAL_STACK=1 to run a production build against the offline stack.",
    );
  }
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
