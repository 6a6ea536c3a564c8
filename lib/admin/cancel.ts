import { closeUnpaidOrder, type CloseOutcome } from "../orders/close";
import { getOrder } from "../orders/queries";
import { isOpen } from "../orders/state";
import { db } from "../db";
import { recordAdminEvent } from "./events";
import { AdminInputError } from "./http";
import type { Merchant } from "./merchant";

const ANSWERS: Record<Exclude<CloseOutcome, "closed">, { status: number; code: string; message: string }> = {
  paid: { status: 409, code: "paid_meanwhile", message: "Stripe had already taken the payment: the order is now paid, not canceled" },
  processing: { status: 409, code: "payment_processing", message: "A bank payment for this order is settling; it cannot be canceled now" },
  unknown: { status: 502, code: "stripe_unavailable", message: "Stripe did not confirm the cancellation; the order keeps its stock and is retried automatically" },
  not_open: { status: 409, code: "not_open", message: "Only unpaid orders can be canceled" },
};

/** Cancels an unpaid order through the one close-at-Stripe path (lib/orders/close.ts). */
export async function cancelUnpaidOrder(merchant: Merchant, orderId: string): Promise<void> {
  const order = await getOrder(orderId);
  if (!order) throw new AdminInputError(404, "order_not_found", "Order not found");
  if (!isOpen(order.status)) throw new AdminInputError(409, ANSWERS.not_open.code, ANSWERS.not_open.message);
  const outcome = await closeUnpaidOrder(orderId, "canceled by the merchant");
  await recordAdminEvent(db(), {
    orderId,
    type: "admin_cancel_requested",
    actorId: merchant.userId,
    from: order.status,
    detail: { outcome },
  });
  if (outcome !== "closed") {
    const a = ANSWERS[outcome];
    throw new AdminInputError(a.status, a.code, a.message);
  }
}
