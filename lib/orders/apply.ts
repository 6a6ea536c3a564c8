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

  await tx`update orders set status = ${t.to}, paid_at = ${t.to === "paid" ? new Date() : order.paid_at}
           where id = ${order.id}`;
  if (t.releaseStock) await releaseOrderStock(tx, order.id);
  if (t.review) {
    const retaken = !order.stock_held && (await retakeOrderStock(tx, order.id));
    await flagForReview(tx, order.id, retaken ? `${t.review}; units taken again` : `${t.review}; not enough stock to take again`);
  }
  if (t.to === "paid" && order.cart_id) {
    await tx`update carts set status = 'checked_out', version = version + 1 where id = ${order.cart_id} and status = 'active'`;
  }
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
