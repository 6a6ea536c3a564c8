import { db } from "../db";
import { stripe } from "../stripe/client";
import { logError } from "../http/log";
import { applyVerdict, intentVerdict, sessionVerdict, type Verdict } from "./stripe-verdict";
import type { ApplyOutcome } from "./apply";
import type { OrderRow } from "./types";
import { isOpen } from "./state";

/**
 * Reads the order's Checkout Session or PaymentIntent from Stripe and applies what it says through
 * the same state machine as the webhooks (which then change nothing). Heals a late or missed
 * webhook; only Stripe's own object counts, never a redirect.
 */
export async function refreshFromStripe(order: OrderRow, reason: string): Promise<ApplyOutcome> {
  if (!isOpen(order.status)) return "ignored";
  let verdict: Verdict;
  if (order.source === "checkout_session" && order.stripe_checkout_session_id) {
    verdict = sessionVerdict(await stripe().checkout.sessions.retrieve(order.stripe_checkout_session_id, { expand: ["payment_intent"] }));
  } else if (order.source === "payment_intent" && order.stripe_payment_intent_id) {
    verdict = intentVerdict(await stripe().paymentIntents.retrieve(order.stripe_payment_intent_id));
  } else {
    return "ignored";
  }
  return applyVerdict(order, verdict, reason);
}

/** Minimum time between two Stripe reads for one order when a shopper's page asks. */
export const REFRESH_INTERVAL_SECONDS = 5;

/**
 * The order page's refresh: at most one Stripe read per order per interval, however many tabs poll
 * (the claim is one conditional update, so parallel requests do not both call Stripe).
 */
export async function refreshIfDue(orderId: string): Promise<boolean> {
  const [claimed] = await db()<OrderRow[]>`
    update orders set stripe_checked_at = now()
    where id = ${orderId} and status in ('pending', 'failed')
      and (stripe_checked_at is null or stripe_checked_at < now() - make_interval(secs => ${REFRESH_INTERVAL_SECONDS}))
    returning *`;
  if (!claimed) return false;
  try {
    return (await refreshFromStripe(claimed, "read from Stripe before the webhook")) === "applied";
  } catch (error) {
    logError(`refresh order ${orderId} from Stripe`, error);
    return false;
  }
}
