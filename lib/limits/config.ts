import { getEnv } from "../env";

/** The shop's abuse limits, from the environment (validated in lib/env.ts; README "Limits"). */
export interface Limits {
  /** Checkout attempts allowed per window for one cart, user or trusted client address; 0 = no limit. */
  checkoutAttempts: number;
  windowSeconds: number;
  /** Which proxy header may name the client's address; "none" = never read it. */
  trustProxyHeaders: "none" | "vercel";
  /** Unpaid orders that may hold stock at once for one cart or one user. */
  maxUnpaidOrders: number;
}

export function limits(): Limits {
  const env = getEnv();
  return {
    checkoutAttempts: env.CHECKOUT_RATE_LIMIT,
    windowSeconds: env.CHECKOUT_RATE_WINDOW_SECONDS,
    trustProxyHeaders: env.TRUST_PROXY_HEADERS,
    maxUnpaidOrders: env.MAX_UNPAID_ORDERS,
  };
}
