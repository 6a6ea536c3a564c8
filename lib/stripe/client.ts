import Stripe from "stripe";
import { getEnv, type Env } from "../env";

const globalForStripe = globalThis as unknown as { __shopStripe?: Stripe };

/**
 * Timeout and retries are set here rather than left to stripe-node's defaults (80 s per attempt,
 * README "Configuring Timeout"; retries vary by version): a shopper waits on these calls, and an
 * unanswered call is safe to give up on because every POST carries an idempotency key and an
 * unknown answer never cancels an order (the cron settles it from Stripe's state).
 */
export function stripeConfig(env: Env): Stripe.StripeConfig {
  const config: Stripe.StripeConfig = {
    maxNetworkRetries: env.STRIPE_MAX_NETWORK_RETRIES,
    timeout: env.STRIPE_TIMEOUT_MS,
    appInfo: { name: "storefront" },
  };
  if (env.STRIPE_API_URL) {
    const url = new URL(env.STRIPE_API_URL);
    config.host = url.hostname;
    config.port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    config.protocol = url.protocol === "https:" ? "https" : "http";
  }
  return config;
}

/** The one Stripe client. With STRIPE_API_URL it talks to that host (the local emulator). */
export function stripe(): Stripe {
  if (!globalForStripe.__shopStripe) {
    const env = getEnv();
    globalForStripe.__shopStripe = new Stripe(env.STRIPE_SECRET_KEY, stripeConfig(env));
  }
  return globalForStripe.__shopStripe;
}

/** Where a shopper pays without Stripe.js when the emulator stands in for Stripe. */
export function localPayUrl(id: string, returnUrl?: string): string | null {
  const env = getEnv();
  if (!env.STRIPE_API_URL) return null;
  const url = new URL(`/pay/${id}`, env.STRIPE_PUBLIC_URL ?? env.STRIPE_API_URL);
  if (returnUrl) url.searchParams.set("return_url", returnUrl);
  return url.toString();
}

export function resetStripeClient(): void {
  globalForStripe.__shopStripe = undefined;
}
