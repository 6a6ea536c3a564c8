import { z } from "zod";
import { db } from "../db";
import { recordAdminEvent } from "./events";
import { AdminInputError } from "./http";
import type { Merchant } from "./merchant";
import { carrierSchema, trackingNumberSchema, type Carrier } from "./carriers";
import type { FulfillmentStatus } from "./fulfillment-view";

export const shipmentSchema = z.object({
  orderId: z.string().uuid(),
  carrier: carrierSchema,
  trackingNumber: trackingNumberSchema,
});
export type Shipment = z.infer<typeof shipmentSchema>;

/**
 * Marks paid, unfulfilled orders shipped with their tracking, all or none: if one of them cannot be
 * shipped (not paid, refunded, already shipped, unknown) nothing changes and the answer names it.
 */
export async function shipOrders(merchant: Merchant, shipments: Shipment[]): Promise<string[]> {
  const ids = shipments.map((s) => s.orderId);
  if (new Set(ids).size !== ids.length) throw new AdminInputError(400, "duplicate_order", "Each order can be shipped once per request");
  return db().begin(async (tx) => {
    const rows = await tx<{ id: string; status: string; fulfillment_status: string }[]>`
      select id, status, fulfillment_status from orders where id = any(${ids}::uuid[]) order by id for update`;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const refused = ids.filter((id) => {
      const r = byId.get(id);
      return !r || r.status !== "paid" || r.fulfillment_status !== "unfulfilled";
    });
    if (refused.length > 0) {
      throw new AdminInputError(409, "not_shippable", `Only paid, unshipped orders can be shipped: ${refused.map((id) => id.slice(0, 8)).join(", ")}`);
    }
    const carriers: Carrier[] = shipments.map((s) => s.carrier);
    const numbers = shipments.map((s) => s.trackingNumber);
    await tx`
      update orders o set fulfillment_status = 'shipped', carrier = s.carrier, tracking_number = s.tracking_number, shipped_at = now()
      from unnest(${ids}::uuid[], ${carriers}::text[], ${numbers}::text[]) as s(id, carrier, tracking_number)
      where o.id = s.id`;
    // One statement for the whole batch's timeline entries, as for the update above.
    await tx`
      insert into order_events (order_id, type, actor_id, detail)
      select s.id, 'admin_shipped', ${merchant.userId}, jsonb_build_object('fulfillment', 'shipped', 'carrier', s.carrier, 'tracking_number', s.tracking_number)
      from unnest(${ids}::uuid[], ${carriers}::text[], ${numbers}::text[]) with ordinality as s(id, carrier, tracking_number, n)
      order by s.n`;
    return ids;
  });
}

/** What may follow what: unfulfilled → shipped (shipOrders) → delivered, or returned. */
const NEXT: Record<"delivered" | "returned", FulfillmentStatus[]> = {
  delivered: ["shipped"],
  returned: ["shipped", "delivered"],
};

export async function setFulfillment(merchant: Merchant, orderId: string, to: "delivered" | "returned"): Promise<void> {
  await db().begin(async (tx) => {
    const [order] = await tx<{ fulfillment_status: FulfillmentStatus }[]>`select fulfillment_status from orders where id = ${orderId} for update`;
    if (!order) throw new AdminInputError(404, "order_not_found", "Order not found");
    if (!NEXT[to].includes(order.fulfillment_status)) {
      throw new AdminInputError(409, "invalid_fulfillment", `An order that is ${order.fulfillment_status} cannot be marked ${to}`);
    }
    await tx`update orders set fulfillment_status = ${to}, delivered_at = case when ${to} = 'delivered' then now() else delivered_at end
             where id = ${orderId}`;
    await recordAdminEvent(tx, {
      orderId,
      type: `admin_${to}`,
      actorId: merchant.userId,
      detail: { fulfillment: to, previous: order.fulfillment_status },
    });
  });
}
