import { z } from "zod";
import { trackingUrl } from "./carriers";

export const FULFILLMENT_STATUSES = ["unfulfilled", "shipped", "delivered", "returned"] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

/** The fulfillment columns of an order row (select * from orders), with the shopper's tracking link. */
const fulfillmentRow = z.object({
  fulfillment_status: z.enum(FULFILLMENT_STATUSES).catch("unfulfilled"),
  carrier: z.string().nullable().catch(null),
  tracking_number: z.string().nullable().catch(null),
  shipped_at: z.date().nullable().catch(null),
});

export interface Fulfillment {
  status: FulfillmentStatus;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shippedAt: Date | null;
}

export function fulfillmentOf(row: unknown): Fulfillment {
  const f = fulfillmentRow.parse(row);
  return {
    status: f.fulfillment_status,
    carrier: f.carrier,
    trackingNumber: f.tracking_number,
    trackingUrl: trackingUrl(f.carrier, f.tracking_number),
    shippedAt: f.shipped_at,
  };
}

