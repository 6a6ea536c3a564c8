import Stripe from "stripe";
import { getEnv } from "../env";

const globalForStripe = globalThis as unknown as { __shopStripe?: Stripe };

/** The one Stripe client. With STRIPE_API_URL it talks to that host (the local emulator). */
export function stripe(): Stripe {
  if (!globalForStripe.__shopStripe) {
    const env = getEnv();
    const retries = Number(process.env.STRIPE_MAX_NETWORK_RETRIES ?? "2");
    const config: Stripe.StripeConfig = {
      maxNetworkRetries: Number.isInteger(retries) && retries >= 0 ? retries : 2,
      timeout: 20_000,
      appInfo: { name: "storefront" },
    };
    if (env.STRIPE_API_URL) {
      const url = new URL(env.STRIPE_API_URL);
      config.host = url.hostname;
      config.port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
      config.protocol = url.protocol === "https:" ? "https" : "http";
    }
    globalForStripe.__shopStripe = new Stripe(env.STRIPE_SECRET_KEY, config);
  }
  return globalForStripe.__shopStripe;
}

/** Where a shopper pays without Stripe.js when the emulator stands in for Stripe. */
export function localPayUrl(id: string, returnUrl?: string): string | null {
  const env = getEnv();
  if (!env.STRIPE_API_URL) return null;
  const base = process.env.STRIPE_PUBLIC_URL ?? env.STRIPE_API_URL;
  const url = new URL(`/pay/${id}`, base);
  if (returnUrl) url.searchParams.set("return_url", returnUrl);
  return url.toString();
}

export function resetStripeClient(): void {
  globalForStripe.__shopStripe = undefined;
}
