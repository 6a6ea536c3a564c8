import { z } from "zod";
import { isTransactionPooler } from "./database-url";
import { LOCAL_DEFAULTS } from "./env-defaults";
import { productionRefusals } from "./env-production";
import { shippingCountriesEnv } from "./checkout/countries";

const milliseconds = (min: number, max: number, fallback: number) =>
  z.coerce.number().int(`must be a whole number of milliseconds`).min(min).max(max).default(fallback);

/** An origin only: the app has no base path, and redirect URLs are built by appending one. */
const origin = z
  .string()
  .url()
  .refine((u) => {
    const url = new URL(u);
    return url.pathname === "/" && !url.search && !url.hash;
  }, "must be an origin only, e.g. https://shop.example (no path, query or fragment)")
  .transform((u) => new URL(u).origin);

/**
 * Server environment, validated once on first use (not at import, so `next build` needs no secrets).
 * Missing values fall back to the offline stack's well-known defaults; production refuses them
 * (lib/env-production.ts). The NEXT_PUBLIC_ values reach the browser only through server components
 * reading this object, so they are checked here like every other value.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  ALLOW_LOCAL_STACK: z.enum(["0", "1"]).default("0"),
  /** The shop's public origin: every redirect URL the server builds starts with it (lib/http/origin.ts). */
  APP_URL: origin.optional(),
  DATABASE_URL: z.string().url().default(LOCAL_DEFAULTS.DATABASE_URL),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** Unset: off for a transaction pooler (port 6543), on otherwise. */
  DATABASE_PREPARE: z.enum(["true", "false"]).optional(),
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(0, 600_000, 15_000),
  DATABASE_LOCK_TIMEOUT_MS: milliseconds(0, 600_000, 5_000),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, "must be a Stripe secret key (sk_… or rk_…)").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").default(LOCAL_DEFAULTS.STRIPE_WEBHOOK_SECRET),
  STRIPE_API_URL: z.string().url().optional(),
  /** Local only: the emulator's address as the shopper's browser reaches it. */
  STRIPE_PUBLIC_URL: z.string().url().optional(),
  STRIPE_TIMEOUT_MS: milliseconds(1_000, 80_000, 10_000),
  STRIPE_MAX_NETWORK_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_/, "must be a Stripe publishable key (pk_…)")
    .default(LOCAL_DEFAULTS.STRIPE_PUBLISHABLE_KEY),
  NEXT_PUBLIC_SUPABASE_URL: z.string().url().default(LOCAL_DEFAULTS.SUPABASE_URL),
  NEXT_PUBLIC_SUPABASE_ANON_KEY: z.string().min(1).default(LOCAL_DEFAULTS.SUPABASE_ANON_KEY),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(1).optional(),
  RESERVATION_TTL_MINUTES: z.coerce.number().int().min(30).max(1440).default(30),
  CRON_SECRET: z.string().min(16).default(LOCAL_DEFAULTS.CRON_SECRET),
  // Abuse limits (README "Limits"): checkout attempts per window per cart, user or trusted client
  // address (0 = off); where the client address may be read from; unpaid orders holding stock per shopper.
  CHECKOUT_RATE_LIMIT: z.coerce.number().int().min(0).max(100_000).default(10),
  CHECKOUT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  TRUST_PROXY_HEADERS: z.enum(["none", "vercel"]).default("none"),
  MAX_UNPAID_ORDERS: z.coerce.number().int().min(1).max(1_000_000).default(3),
  /** The cart's one Checkout button: our editable page (elements), Stripe's page (hosted), or a PaymentIntent (payment_element). */
  CHECKOUT_FLOW: z.enum(["elements", "hosted", "payment_element"]).default("elements"),
  SHIPPING_COUNTRIES: shippingCountriesEnv,
});

export type Env = Omit<z.infer<typeof schema>, "DATABASE_PREPARE"> & {
  STRIPE_SECRET_KEY: string;
  /** True when Stripe calls go to the local emulator. */
  stripeIsLocal: boolean;
  /** DATABASE_PREPARE if set, else off for a transaction pooler. */
  databasePrepare: boolean;
  /** Session settings do not reach Postgres through it: timeouts are set per transaction. */
  databaseIsTransactionPooler: boolean;
};

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const { DATABASE_PREPARE, ...raw } = parsed.data;
  const usingLocalStripe = raw.STRIPE_SECRET_KEY === undefined;
  const pooler = isTransactionPooler(raw.DATABASE_URL);
  const env: Env = {
    ...raw,
    STRIPE_SECRET_KEY: raw.STRIPE_SECRET_KEY ?? LOCAL_DEFAULTS.STRIPE_SECRET_KEY,
    STRIPE_API_URL: raw.STRIPE_API_URL ?? (usingLocalStripe ? LOCAL_DEFAULTS.STRIPE_API_URL : undefined),
    stripeIsLocal: usingLocalStripe || raw.STRIPE_API_URL !== undefined,
    databasePrepare: DATABASE_PREPARE === undefined ? !pooler : DATABASE_PREPARE === "true",
    databaseIsTransactionPooler: pooler,
  };
  if (env.NODE_ENV === "production") {
    const refusals = productionRefusals(env, (name) => !!process.env[name]);
    if (refusals.length > 0) throw new Error(`Refusing to start in production:\n${refusals.join("\n")}`);
  }
  cached = env;
  return env;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}
