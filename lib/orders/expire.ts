import Stripe from "stripe";
import { db, transaction } from "../db";
import { stripe } from "../stripe/client";
import { logError } from "../http/log";
import { applyPaymentSignal } from "./apply";
import type { OrderRow } from "./types";

/**
 * Cancels unpaid orders past their reservation and gives their stock back. Stripe is told first
 * (PaymentIntent canceled / Checkout Session expired) so nobody can pay for released units;
 * an order Stripe already took money for is left to its webhook. Safe to run from any number of
 * instances at once: the state machine releases stock once.
 */
export async function expireReservations(limit = 100): Promise<{ canceled: number; skipped: number }> {
  const due = await db()<OrderRow[]>`
    select * from orders where status in ('pending', 'failed') and expires_at < now()
    order by expires_at limit ${limit}`;
  let canceled = 0;
  let skipped = 0;
  for (const order of due) {
    try {
      if (!(await closeAtStripe(order))) {
        skipped++;
        continue;
      }
      const outcome = await transaction((tx) =>
        applyPaymentSignal(tx, { orderId: order.id, signal: "canceled", reason: "reservation expired" }),
      );
      if (outcome === "applied") canceled++;
    } catch (error) {
      logError(`expire order ${order.id}`, error);
      skipped++;
    }
  }
  return { canceled, skipped };
}

/** false when Stripe says the payment already went through (the webhook will mark it paid). */
async function closeAtStripe(order: OrderRow): Promise<boolean> {
  try {
    if (order.stripe_payment_intent_id) {
      await stripe().paymentIntents.cancel(order.stripe_payment_intent_id, { cancellation_reason: "abandoned" });
    } else if (order.stripe_checkout_session_id) {
      await stripe().checkout.sessions.expire(order.stripe_checkout_session_id);
    }
    return true;
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
    if (order.stripe_payment_intent_id) {
      const pi = await stripe().paymentIntents.retrieve(order.stripe_payment_intent_id);
      return pi.status === "canceled";
    }
    const s = await stripe().checkout.sessions.retrieve(order.stripe_checkout_session_id!);
    return s.status === "expired";
  }
}
