import type { Tx } from "../db";
import { orderRates } from "../checkout/session-shipping";
import { idOf, type ShippingDetailsObject } from "../stripe/events";
import { flagForReview } from "./apply";
import { recordOrderEvent } from "./events";
import { itemsTotalSql } from "./queries";
import type { OrderRow, ShippingAddress } from "./types";

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

/**
 * Copies what Stripe collected onto an order about to be settled (same transaction as the status
 * change): name and address, and for Checkout the rate the payer picked among the order's own
 * rates, so the order's total is what Stripe charged. A charge matching none of the order's rates
 * is left alone: the amount check then flags the order. An order that ships but was paid without
 * an address is flagged for review.
 */
export async function recordCollectedShipping(tx: Tx, orderId: string, collected: CollectedShipping, settling: "paid" | "processing"): Promise<void> {
  const [order] = await tx<OrderRow[]>`select * from orders where id = ${orderId} for update`;
  if (!order || (order.status !== "pending" && order.status !== "failed")) return;
  if (collected.address) {
    await tx`update orders set shipping_name = ${collected.name}, shipping_address = ${tx.json(collected.address as never)} where id = ${orderId}`;
  } else if (order.shipping_countries?.length && !order.shipping_address && settling === "paid") {
    const reason = "paid without a shipping address";
    await flagForReview(tx, orderId, reason);
    await recordOrderEvent(tx, { orderId, type: "review_required", detail: { reason } });
  }
  const charged = collected.charged;
  if (!charged) return;
  const rates = orderRates(order);
  const rate =
    rates.find((r) => charged.stripeRate !== null && r.stripe_rate === charged.stripeRate) ??
    rates.find((r) => r.id === order.shipping_option && r.amount === charged.amount) ??
    rates.find((r) => r.amount === charged.amount);
  if (!rate || rate.amount !== charged.amount) return;
  await tx`update orders set shipping_option = ${rate.id}, amount_shipping = ${rate.amount},
             amount_total = ${rate.amount} + ${itemsTotalSql(tx, orderId)}
           where id = ${orderId}`;
}
