import { limits } from "./config";
import { trustedClientAddress } from "./client-address";
import { hitRateLimit, type RateCheck, type RateDecision } from "./rate-limit";

/**
 * One checkout attempt (POST /api/cart/checkout or POST /api/checkout, counted together): limited per
 * signed-in user, else per cart, and per client address only when a trusted proxy supplied it, so
 * shoppers sharing one address (or a load test on loopback) are never throttled together.
 */
export function checkoutRateCheck(request: Request, who: { userId: string | null; cartNumber: string | null }): RateCheck {
  const l = limits();
  const buckets: string[] = [];
  if (who.userId) buckets.push(`checkout:user:${who.userId}`);
  else if (who.cartNumber) buckets.push(`checkout:cart:${who.cartNumber}`);
  const address = trustedClientAddress(request, l.trustProxyHeaders);
  if (address) buckets.push(`checkout:ip:${address}`);
  return { buckets, limit: l.checkoutAttempts, windowSeconds: l.windowSeconds };
}

/** Counts the attempt on its own (one statement); checkouts that read right after fold it into that read instead. */
export function checkCheckoutRate(request: Request, who: { userId: string | null; cartNumber: string | null }): Promise<RateDecision> {
  const check = checkoutRateCheck(request, who);
  return hitRateLimit(check.buckets, check.limit, check.windowSeconds);
}

/** A checkout beyond the limit; the route answers 429 with Retry-After. */
export class CheckoutRateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("too many checkout attempts");
  }
}

export function retryAfterHeaders(seconds: number): Record<string, string> {
  return { "Retry-After": String(seconds), "Cache-Control": "no-store" };
}
