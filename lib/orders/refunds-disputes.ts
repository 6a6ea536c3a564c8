import type { z } from "zod";
import type { Tx } from "../db";
import { idOf, type chargeObject, type disputeObject, type refundObject } from "../stripe/events";
import { applyPaymentSignal, flagForReview, type ApplyOutcome } from "./apply";
import { recordOrderEvent } from "./events";

type Handled = { outcome: ApplyOutcome; orderId: string | null };

async function orderByPaymentIntent(tx: Tx, paymentIntentId: string | null): Promise<{ id: string; status: string; amount_refunded: number } | null> {
  if (!paymentIntentId) return null;
  const [row] = await tx<{ id: string; status: string; amount_refunded: number }[]>`
    select id, status, amount_refunded from orders where stripe_payment_intent_id = ${paymentIntentId} for update`;
  return row ?? null;
}

/**
 * charge.refunded carries the charge's running `amount_refunded`, so applying it is idempotent and
 * order-independent: the largest figure Stripe reported wins. A full refund ends the order
 * (`refunded`, stock not restocked: the goods may have shipped); a partial one keeps it paid.
 */
export async function onChargeRefunded(tx: Tx, eventId: string, charge: z.infer<typeof chargeObject>): Promise<Handled> {
  const order = await orderByPaymentIntent(tx, idOf(charge.payment_intent));
  if (!order) return { outcome: "no_order", orderId: null };
  const refunded = Math.max(order.amount_refunded, charge.amount_refunded);
  const changed = refunded !== order.amount_refunded;
  if (changed) await tx`update orders set amount_refunded = ${refunded} where id = ${order.id}`;
  await recordOrderEvent(tx, {
    orderId: order.id,
    type: changed ? "refunded_amount" : "refunded_amount_ignored",
    stripeEventId: eventId,
    detail: { amount_refunded: charge.amount_refunded, charge_amount: charge.amount, currency: charge.currency },
  });
  if (charge.refunded || charge.amount_refunded >= charge.amount) {
    const outcome = await applyPaymentSignal(tx, { orderId: order.id, signal: "refunded", stripeEventId: eventId, reason: "charge fully refunded" });
    return { outcome: outcome === "ignored" && changed ? "applied" : outcome, orderId: order.id };
  }
  return { outcome: changed ? "applied" : "ignored", orderId: order.id };
}

/** The amounts move with charge.refunded; a refund's creation is kept in the timeline. */
export async function onRefundCreated(tx: Tx, eventId: string, refund: z.infer<typeof refundObject>): Promise<Handled> {
  const order = await orderByPaymentIntent(tx, idOf(refund.payment_intent));
  if (!order) return { outcome: "no_order", orderId: null };
  await recordOrderEvent(tx, {
    orderId: order.id,
    type: "refund_created",
    stripeEventId: eventId,
    detail: { refund: refund.id, amount: refund.amount, currency: refund.currency, reason: refund.reason ?? null, status: refund.status ?? null },
  });
  return { outcome: "applied", orderId: order.id };
}

/** A dispute flags the order for review with its reason; its closing records the outcome. */
export async function onDispute(tx: Tx, eventId: string, type: string, dispute: z.infer<typeof disputeObject>): Promise<Handled> {
  const order = await orderByPaymentIntent(tx, idOf(dispute.payment_intent));
  if (!order) return { outcome: "no_order", orderId: null };
  await tx`update orders set dispute_status = ${dispute.status} where id = ${order.id}`;
  if (type === "charge.dispute.created") await flagForReview(tx, order.id, `Payment disputed (${dispute.reason})`);
  await recordOrderEvent(tx, {
    orderId: order.id,
    type: type === "charge.dispute.created" ? "dispute_opened" : "dispute_closed",
    stripeEventId: eventId,
    detail: { dispute: dispute.id, status: dispute.status, reason: dispute.reason, amount: dispute.amount, currency: dispute.currency },
  });
  return { outcome: "applied", orderId: order.id };
}
