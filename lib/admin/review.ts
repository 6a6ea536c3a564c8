import { db } from "../db";
import { recordAdminEvent } from "./events";
import { AdminInputError } from "./http";
import type { Merchant } from "./merchant";

/** Clears an order's review flag with the merchant's note; the reason it had stays in the timeline. */
export async function clearReview(merchant: Merchant, orderId: string, note: string): Promise<void> {
  await db().begin(async (tx) => {
    const [order] = await tx<{ needs_review: boolean; review_reason: string | null; status: string }[]>`
      select needs_review, review_reason, status from orders where id = ${orderId} for update`;
    if (!order) throw new AdminInputError(404, "order_not_found", "Order not found");
    if (!order.needs_review) throw new AdminInputError(409, "not_flagged", "This order is not flagged for review");
    await tx`update orders set needs_review = false, review_reason = null where id = ${orderId}`;
    await recordAdminEvent(tx, {
      orderId,
      type: "admin_review_cleared",
      actorId: merchant.userId,
      from: order.status,
      to: order.status,
      detail: { note, reason: order.review_reason },
    });
  });
}
