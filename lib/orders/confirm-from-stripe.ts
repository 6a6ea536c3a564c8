import { transaction } from "../db";
import { stripe } from "../stripe/client";
import { logError } from "../http/log";
import { applyPaymentSignal } from "./apply";
import { settlePaidSession } from "./stripe-events";
import type { OrderRow } from "./types";

/**
 * When a shopper lands on the order page before Stripe's webhook, read the same object from Stripe
 * and apply what it says through the same state machine (the webhook then changes nothing).
 * Only Stripe's own state counts; the redirect itself proves nothing.
 */
export async function confirmFromStripe(order: OrderRow): Promise<boolean> {
  if (order.status !== "pending" && order.status !== "failed") return false;
  try {
    if (order.source === "payment_intent" && order.stripe_payment_intent_id) {
      const pi = await stripe().paymentIntents.retrieve(order.stripe_payment_intent_id);
      if (pi.status !== "succeeded") return false;
      const outcome = await transaction((tx) =>
        applyPaymentSignal(tx, { orderId: order.id, signal: "succeeded", amount: { total: pi.amount_received, currency: pi.currency }, reason: "read from Stripe before the webhook" }),
      );
      return outcome === "applied";
    }
    if (order.source === "checkout_session" && order.stripe_checkout_session_id) {
      const s = await stripe().checkout.sessions.retrieve(order.stripe_checkout_session_id);
      if (s.status !== "complete" || s.payment_status !== "paid" || s.amount_total === null || !s.currency) return false;
      const outcome = await transaction((tx) =>
        settlePaidSession(tx, { orderId: order.id, cartId: order.cart_id, amount: { total: s.amount_total!, currency: s.currency }, reason: "read from Stripe before the webhook" }),
      );
      return outcome === "applied";
    }
  } catch (error) {
    logError(`confirm order ${order.id} from Stripe`, error);
  }
  return false;
}
