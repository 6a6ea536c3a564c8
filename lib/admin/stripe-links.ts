import { getEnv } from "../env";

/**
 * Stripe Dashboard pages of an order's objects; test-mode objects live under /test
 * (https://docs.stripe.com/dashboard/basics, "test mode"). The key says which mode the shop runs in.
 */
export function stripeDashboardUrl(kind: "payment_intent" | "checkout_session" | "customer", id: string): string {
  const test = /^(sk|rk)_test_/.test(getEnv().STRIPE_SECRET_KEY);
  const base = `https://dashboard.stripe.com${test ? "/test" : ""}`;
  const path = kind === "payment_intent" ? "payments" : kind === "checkout_session" ? "checkout/sessions" : "customers";
  return `${base}/${path}/${encodeURIComponent(id)}`;
}
