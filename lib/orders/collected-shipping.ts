import type { Db } from "../db";
import { idOf, type ShippingDetailsObject } from "../stripe/events";
import type { ShippingAddress } from "./types";

/** Where and how Stripe says the order ships, read from its own object (webhook payload or read-back). */
export interface CollectedShipping {
  name: string | null;
  address: ShippingAddress | null;
  /** Checkout only: the shipping the payer was charged and the Stripe Shipping Rate it came from. */
  charged: { amount: number; stripeRate: string | null } | null;
}

function toAddress(details: ShippingDetailsObject | null | undefined): { name: string | null; address: ShippingAddress | null } {
  const a = details?.address;
  if (!a?.line1 || !a.country) return { name: details?.name ?? null, address: null };
  return {
    name: details?.name ?? null,
    address: { line1: a.line1, line2: a.line2 ?? null, city: a.city ?? null, postal_code: a.postal_code ?? null, state: a.state ?? null, country: a.country },
  };
}

/** A Checkout Session: `collected_information.shipping_details` and `shipping_cost` (stripe-node Checkout.Session). */
export function fromSession(s: {
  collected_information?: { shipping_details?: ShippingDetailsObject | null } | null;
  shipping_cost?: { amount_total: number; shipping_rate?: string | { id: string } | null } | null;
}): CollectedShipping {
  const cost = s.shipping_cost;
  return { ...toAddress(s.collected_information?.shipping_details), charged: cost ? { amount: cost.amount_total, stripeRate: idOf(cost.shipping_rate) } : null };
}

/** A PaymentIntent: `shipping` (stripe-node PaymentIntent.Shipping); its amount is the order's own. */
export function fromIntent(pi: { shipping?: ShippingDetailsObject | null }): CollectedShipping {
  return { ...toAddress(pi.shipping), charged: null };
}

/** The fields order_record_shipping (and stripe_event_apply) read. */
export function shippingFields(c: CollectedShipping): Record<string, unknown> {
  return {
    shipping_name: c.name,
    shipping_address: c.address,
    shipping_amount: c.charged?.amount ?? null,
    shipping_rate: c.charged?.stripeRate ?? null,
  };
}

/**
 * Copies what Stripe collected onto an order about to be settled (call it in the same transaction
 * as the status change): name and address, and for Checkout the rate the payer picked among the
 * order's own rates (database function order_record_shipping).
 */
export async function recordCollectedShipping(conn: Db, orderId: string, c: CollectedShipping, settling: "paid" | "processing"): Promise<void> {
  await conn`select public.order_record_shipping(${orderId}::uuid, ${c.name}, ${c.address ? conn.json(c.address as never) : null}::jsonb,
    ${c.charged?.amount ?? null}::int, ${c.charged?.stripeRate ?? null}, ${settling})`;
}
