import { z } from "zod";
import { transaction, type Tx } from "../db";
import { checkoutSessionObject, chargeObject, disputeObject, idOf, paymentIntentObject, refundObject, stripeEventEnvelope, succeededPaymentIntentObject } from "../stripe/events";
import { applyPaymentSignal, flagForReview, markProcessing, type ApplyOutcome } from "./apply";
import { fromIntent, fromSession, recordCollectedShipping } from "./collected-shipping";
import { recordOrderEvent } from "./events";
import { onChargeRefunded, onDispute, onRefundCreated } from "./refunds-disputes";
import type { PaymentSignal } from "./state";

const UUID = z.string().uuid();

type Outcome = ApplyOutcome | "duplicate" | "unhandled";

/**
 * Every event type the webhook endpoint must receive (README lists them for the Stripe dashboard).
 * Anything else is answered 200 and recorded as unhandled.
 */
export const HANDLED_EVENT_TYPES = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "payment_intent.processing",
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
  "payment_intent.canceled",
  "charge.refunded",
  "refund.created",
  "charge.dispute.created",
  "charge.dispute.closed",
] as const;

/**
 * Applies one verified Stripe event at most once: the stripe_events row and the order change
 * commit in the same transaction, so a redelivery (even a concurrent one) changes nothing.
 */
export async function handleStripeEvent(raw: unknown): Promise<Outcome> {
  const event = stripeEventEnvelope.parse(raw);
  return transaction(async (tx) => {
    const inserted = await tx`insert into stripe_events (id, type, outcome) values (${event.id}, ${event.type}, 'processing')
                              on conflict (id) do nothing returning id`;
    if (inserted.length === 0) return "duplicate";
    const { outcome, orderId } = await dispatch(tx, event.id, event.type, event.data.object);
    await tx`update stripe_events set outcome = ${outcome}, order_id = ${orderId} where id = ${event.id}`;
    return outcome;
  });
}

type Handled = { outcome: Outcome; orderId: string | null };

async function dispatch(tx: Tx, eventId: string, type: string, object: Record<string, unknown>): Promise<Handled> {
  switch (type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired":
      return onCheckoutSession(tx, eventId, type, checkoutSessionObject.parse(object));
    case "payment_intent.succeeded":
      return onPaymentIntent(tx, eventId, type, succeededPaymentIntentObject.parse(object));
    case "payment_intent.processing":
    case "payment_intent.payment_failed":
    case "payment_intent.canceled":
      return onPaymentIntent(tx, eventId, type, paymentIntentObject.parse(object));
    case "charge.refunded":
      return onChargeRefunded(tx, eventId, chargeObject.parse(object));
    case "refund.created":
      return onRefundCreated(tx, eventId, refundObject.parse(object));
    case "charge.dispute.created":
    case "charge.dispute.closed":
      return onDispute(tx, eventId, type, disputeObject.parse(object));
    default:
      return { outcome: "unhandled", orderId: null };
  }
}

export async function findOrder(tx: Tx, column: "stripe_checkout_session_id" | "stripe_payment_intent_id", stripeId: string, hinted: string | null | undefined) {
  const hint = UUID.safeParse(hinted).success ? hinted! : null;
  const [row] = await tx<{ id: string; source: string; cart_id: string | null }[]>`
    select o.id, o.source, o.cart_id from orders o
    where o.${tx(column)} = ${stripeId} or (${hint}::uuid is not null and o.id = ${hint}::uuid)
    order by (o.${tx(column)} = ${stripeId}) desc nulls last limit 1`;
  return row ?? null;
}

async function onCheckoutSession(tx: Tx, eventId: string, type: string, s: z.infer<typeof checkoutSessionObject>): Promise<Handled> {
  const order = await findOrder(tx, "stripe_checkout_session_id", s.id, s.metadata?.order_id ?? s.client_reference_id);
  if (!order) return { outcome: "no_order", orderId: null };
  const orderId = order.id;
  await tx`update orders set stripe_checkout_session_id = coalesce(stripe_checkout_session_id, ${s.id}),
             stripe_subscription_id = coalesce(stripe_subscription_id, ${idOf(s.subscription)}),
             stripe_payment_intent_id = coalesce(stripe_payment_intent_id, ${idOf(s.payment_intent)})
           where id = ${orderId}`;

  if (type === "checkout.session.expired") {
    return { outcome: await applyPaymentSignal(tx, { orderId, signal: "canceled", stripeEventId: eventId, reason: "checkout session expired" }), orderId };
  }
  if (type === "checkout.session.async_payment_failed") {
    // A completed session cannot be paid again: the units go back in the same transaction.
    return { outcome: await applyPaymentSignal(tx, { orderId, signal: "canceled", stripeEventId: eventId, reason: "async payment failed" }), orderId };
  }
  await recordCollectedShipping(tx, orderId, fromSession(s), s.payment_status === "unpaid" ? "processing" : "paid");
  if (s.payment_status === "unpaid") {
    // Completed with a delayed payment method: pending, stock held, until async_payment_* arrives.
    return { outcome: await markProcessing(tx, orderId, eventId, "checkout completed, payment settling"), orderId };
  }
  const amount = { total: s.amount_total!, currency: s.currency ?? null };
  return { outcome: await settlePaidSession(tx, { orderId, cartId: order.cart_id, amount, stripeEventId: eventId }), orderId };
}

/**
 * A Checkout Session Stripe reports paid (by webhook, or read back when the webhook is late).
 * The cart may disagree with what Stripe charged: such an order is flagged, never fulfilled silently.
 */
export async function settlePaidSession(
  tx: Tx,
  p: { orderId: string; cartId: string | null; amount: { total: number; currency: string | null }; stripeEventId?: string; reason?: string },
): Promise<ApplyOutcome> {
  const [cart] = p.cartId ? await tx<{ sync_state: string }[]>`select sync_state from carts where id = ${p.cartId}` : [];
  if (cart?.sync_state === "reconciliation_required") {
    const reason = "Checkout completed while the cart needed reconciliation";
    await flagForReview(tx, p.orderId, reason);
    await recordOrderEvent(tx, { orderId: p.orderId, type: "review_required", stripeEventId: p.stripeEventId ?? null, detail: { reason } });
    return "review";
  }
  return applyPaymentSignal(tx, { orderId: p.orderId, signal: "succeeded", stripeEventId: p.stripeEventId ?? null, amount: p.amount, reason: p.reason });
}

const PI_SIGNALS: Record<string, PaymentSignal> = {
  "payment_intent.succeeded": "succeeded",
  "payment_intent.payment_failed": "failed",
  "payment_intent.canceled": "canceled",
};

async function onPaymentIntent(tx: Tx, eventId: string, type: string, pi: z.infer<typeof paymentIntentObject>): Promise<Handled> {
  const order = await findOrder(tx, "stripe_payment_intent_id", pi.id, pi.metadata?.order_id);
  if (!order) return { outcome: "no_order", orderId: null };
  // Checkout Session orders follow checkout.session.* events; their PaymentIntent events are informational.
  if (order.source !== "payment_intent") return { outcome: "ignored", orderId: order.id };
  await tx`update orders set stripe_payment_intent_id = coalesce(stripe_payment_intent_id, ${pi.id}) where id = ${order.id}`;
  if (type === "payment_intent.processing" || type === "payment_intent.succeeded") {
    await recordCollectedShipping(tx, order.id, fromIntent(pi), type === "payment_intent.succeeded" ? "paid" : "processing");
  }
  if (type === "payment_intent.processing") {
    return { outcome: await markProcessing(tx, order.id, eventId, "payment settling"), orderId: order.id };
  }
  const signal = PI_SIGNALS[type]!;
  const amount = signal === "succeeded" ? { total: pi.amount_received!, currency: pi.currency } : null;
  const detail = pi.last_payment_error?.message ? { decline: pi.last_payment_error.message } : undefined;
  const outcome = await applyPaymentSignal(tx, { orderId: order.id, signal, stripeEventId: eventId, amount, detail });
  return { outcome, orderId: order.id };
}
