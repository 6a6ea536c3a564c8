import type { Tx } from "../db";
import { recordOrderEvent } from "./events";
import { transition, type PaymentSignal } from "./state";
import { releaseOrderStock, retakeOrderStock } from "./stock";
import type { OrderRow } from "./types";

export type ApplyOutcome = "applied" | "ignored" | "review" | "no_order";

export interface PaymentSignalInput {
  orderId: string;
  signal: PaymentSignal;
  stripeEventId?: string | null;
  /** What Stripe says was charged; checked against the order before it may become paid. */
  amount?: { total: number; currency: string | null } | null;
  reason?: string;
  detail?: Record<string, unknown>;
}

/** Moves one order by one payment signal, inside the caller's transaction (order row locked). */
export async function applyPaymentSignal(tx: Tx, input: PaymentSignalInput): Promise<ApplyOutcome> {
  const [order] = await tx<OrderRow[]>`select * from orders where id = ${input.orderId} for update`;
  if (!order) return "no_order";
  const base = { orderId: order.id, stripeEventId: input.stripeEventId ?? null };

  if (input.signal === "succeeded" && input.amount) {
    const { total, currency } = input.amount;
    if (total !== order.amount_total || (currency !== null && currency !== order.currency)) {
      const reason = `Stripe reported ${total} ${currency}, order total is ${order.amount_total} ${order.currency}`;
      await flagForReview(tx, order.id, reason);
      await recordOrderEvent(tx, { ...base, type: "amount_mismatch", from: order.status, to: order.status, detail: { reason } });
      return "review";
    }
  }

  const t = transition(order.status, input.signal);
  if (!t.changes) {
    await recordOrderEvent(tx, {
      ...base,
      type: `${input.signal}_ignored`,
      from: order.status,
      to: order.status,
      detail: { reason: input.reason ?? `order is ${order.status}`, ...input.detail },
    });
    return "ignored";
  }

  await tx`update orders set status = ${t.to}, paid_at = ${t.to === "paid" ? new Date() : order.paid_at},
             payment_processing = false, close_requested_at = null
           where id = ${order.id}`;
  if (t.releaseStock) await releaseOrderStock(tx, order.id);
  if (t.review) {
    const retaken = !order.stock_held && (await retakeOrderStock(tx, order.id));
    await flagForReview(tx, order.id, retaken ? `${t.review}; units taken again` : `${t.review}; not enough stock to take again`);
  }
  if (t.to === "paid" && order.cart_id) await checkOutPaidLines(tx, order.id, order.cart_id);
  await recordOrderEvent(tx, {
    ...base,
    type: "status_changed",
    from: order.status,
    to: t.to,
    detail: { signal: input.signal, ...(input.reason ? { reason: input.reason } : {}), ...input.detail },
  });
  return "applied";
}

export async function flagForReview(tx: Tx, orderId: string, reason: string): Promise<void> {
  await tx`update orders set needs_review = true,
             review_reason = case when review_reason is null then ${reason} else review_reason || '; ' || ${reason} end
           where id = ${orderId}`;
}

/**
 * A paid order takes out of its cart what it paid for, and only that: lines added after the
 * checkout opened (another tab) stay in the cart, which stays active; a cart left empty is checked out.
 */
async function checkOutPaidLines(tx: Tx, orderId: string, cartId: string): Promise<void> {
  await tx`
    with paid as (
      select price_id, sum(quantity)::int as qty from order_items where order_id = ${orderId} and price_id is not null group by price_id
    ), reduced as (
      update cart_items ci set quantity = ci.quantity - paid.qty, checkout_line_item_id = null
      from paid where ci.cart_id = ${cartId} and ci.price_id = paid.price_id and ci.quantity > paid.qty
      returning ci.price_id
    ), removed as (
      delete from cart_items ci using paid
      where ci.cart_id = ${cartId} and ci.price_id = paid.price_id and ci.quantity <= paid.qty
      returning ci.price_id
    )
    , left_over as (
      select (select count(*) from cart_items where cart_id = ${cartId}) > (select count(*) from removed) as yes
    )
    update carts c set
      status = case when left_over.yes then 'active' else 'checked_out' end,
      version = c.version + 1,
      -- A cart that goes on with the lines nobody paid for is no longer bound to the paid checkout.
      order_id = case when left_over.yes and c.order_id = ${orderId} then null else c.order_id end,
      checkout_session_id = case when left_over.yes and c.order_id = ${orderId} then null else c.checkout_session_id end,
      checkout_ui_mode = case when left_over.yes and c.order_id = ${orderId} then null else c.checkout_ui_mode end
    from left_over
    where c.id = ${cartId} and c.status = 'active'`;
}

/** A delayed payment is settling: the order keeps its stock and the expiry cron leaves it alone. */
export async function markProcessing(tx: Tx, orderId: string, stripeEventId: string | null, reason: string): Promise<ApplyOutcome> {
  const rows = await tx<{ status: string }[]>`
    update orders set payment_processing = true where id = ${orderId} and status in ('pending', 'failed') and not payment_processing
    returning status`;
  if (rows.length === 0) return "ignored";
  await recordOrderEvent(tx, { orderId, type: "payment_processing", stripeEventId, detail: { reason } });
  return "applied";
}
