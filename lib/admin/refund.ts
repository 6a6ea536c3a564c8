import Stripe from "stripe";
import { z } from "zod";
import { db } from "../db";
import { stripe } from "../stripe/client";
import { describeStripeError, isDefiniteRefusal } from "../stripe/errors";
import { getOrder } from "../orders/queries";
import { recordAdminEvent } from "./events";
import { logError } from "../http/log";
import { AdminInputError } from "./http";
import type { Merchant } from "./merchant";

export interface RefundRequest {
  orderId: string;
  /** Minor units; null refunds everything not yet refunded. */
  amount: number | null;
  /** One per refund form shown (or API intent): repeats of it make no second refund. */
  requestId: string;
}

export const requestIdSchema = z.string().uuid("request_id must be a UUID");

export interface RefundOutcome {
  refundId: string;
  amount: number;
  /** The same request was made before: nothing new was asked of Stripe. */
  replayed: boolean;
}

/**
 * Asks Stripe to refund a paid order; the order itself changes only when Stripe's `charge.refunded`
 * webhook arrives (lib/orders/refunds-disputes.ts).
 *
 * A double click must make one refund, a deliberate second partial refund later must work. The
 * refund form carries a request id minted when the page was rendered (a reload mints another), and
 * the idempotency key is order + amount + request id: Stripe answers repeats of the same key with
 * the first refund, and a concurrent repeat with a 409 (https://docs.stripe.com/api/idempotent_requests).
 * Stripe forgets keys after 24 hours, so the request id is also kept in order_events (unique per
 * order) and a repeat found there is answered without calling Stripe at all. The refunded-so-far
 * amount is deliberately not in the key: the webhook may move it between two clicks.
 */
export async function requestRefund(merchant: Merchant, input: RefundRequest): Promise<RefundOutcome> {
  const earlier = await earlierRefund(input.orderId, input.requestId);
  if (earlier) return { ...earlier, replayed: true };

  const order = await getOrder(input.orderId);
  if (!order) throw new AdminInputError(404, "order_not_found", "Order not found");
  if (order.status !== "paid" || !order.stripe_payment_intent_id) {
    throw new AdminInputError(409, "not_refundable", `Only paid orders can be refunded (this one is ${order.status})`);
  }
  const remaining = order.amount_total - order.amount_refunded;
  if (remaining <= 0) throw new AdminInputError(409, "not_refundable", "This order has been refunded in full already");
  if (input.amount !== null && input.amount > remaining) {
    throw new AdminInputError(400, "amount_too_large", "The refund is larger than what is left to refund on this order");
  }

  let refund: Stripe.Refund;
  try {
    // No amount: Stripe refunds whatever is left (https://docs.stripe.com/api/refunds/create#create_refund-amount),
    // so a repeat sends the same parameters even if a webhook changed amount_refunded meanwhile.
    refund = await stripe().refunds.create(
      {
        payment_intent: order.stripe_payment_intent_id,
        ...(input.amount !== null ? { amount: input.amount } : {}),
        metadata: { order_id: order.id, requested_by: merchant.userId },
      },
      { idempotencyKey: `admin-refund:${order.id}:${input.amount ?? "rest"}:${input.requestId}` },
    );
  } catch (error) {
    throw refundError(error);
  }

  await db().begin(async (tx) => {
    await tx`select 1 from orders where id = ${order.id} for update`;
    const [seen] = await tx`select 1 from order_events where order_id = ${order.id} and type = 'admin_refund_requested'
                              and detail ->> 'request_id' = ${input.requestId}`;
    if (seen) return;
    await recordAdminEvent(tx, {
      orderId: order.id,
      type: "admin_refund_requested",
      actorId: merchant.userId,
      detail: { request_id: input.requestId, refund: refund.id, amount: refund.amount, currency: refund.currency, status: refund.status },
    });
  });
  return { refundId: refund.id, amount: refund.amount, replayed: false };
}

async function earlierRefund(orderId: string, requestId: string): Promise<Omit<RefundOutcome, "replayed"> | null> {
  const [row] = await db()<{ refund: string; amount: number }[]>`
    select detail ->> 'refund' as refund, (detail ->> 'amount')::int as amount from order_events
    where order_id = ${orderId} and type = 'admin_refund_requested' and detail ->> 'request_id' = ${requestId}`;
  return row ? { refundId: row.refund, amount: row.amount } : null;
}

function refundError(error: unknown): Error {
  if (error instanceof Stripe.errors.StripeError && (error.statusCode === 409 || error.type === "idempotency_error" || error instanceof Stripe.errors.StripeIdempotencyError)) {
    return new AdminInputError(409, "refund_in_progress", "This refund was already requested; the order updates when Stripe confirms it");
  }
  if (isDefiniteRefusal(error)) {
    return new AdminInputError(400, "stripe_refused", `Stripe refused the refund: ${(error as Stripe.errors.StripeError).message}`);
  }
  // Unknown outcome: a retry of the same form reuses the same key, so it cannot refund twice.
  logError("admin refund", describeStripeError(error));
  return new AdminInputError(502, "stripe_unavailable", "Stripe did not answer; submit the same form again to retry safely");
}
