import type { OrderRow } from "./types";

/** Where a shopper whose card was declined pays again. */
export function retryPaymentUrl(order: OrderRow): string | null {
  if (order.status !== "failed" && order.status !== "pending") return null;
  if (order.source === "payment_intent" && order.stripe_payment_intent_id) return `/checkout/pay/${order.id}`;
  return null;
}
