import { formatMoney } from "../money";
import { orderRates } from "../checkout/session-shipping";
import type { OrderWithItems } from "./queries";

/** Where the order ships and how; null when nothing in it ships. The address appears once Stripe collected it. */
function shippingJson(o: OrderWithItems) {
  if (!o.shipping_countries?.length && !o.shipping_address) return null;
  const rate = orderRates(o).find((r) => r.id === o.shipping_option);
  return {
    name: o.shipping_name,
    address: o.shipping_address,
    method: rate ? { id: rate.id, name: rate.name, min_days: rate.min_days, max_days: rate.max_days } : null,
  };
}

export function orderJson(o: OrderWithItems) {
  return {
    id: o.id,
    object: "order" as const,
    status: o.status,
    needs_review: o.needs_review,
    currency: o.currency,
    amount_total: o.amount_total,
    amount_total_with_currency: formatMoney(o.amount_total, o.currency),
    amount_subtotal: o.amount_total - o.amount_shipping,
    amount_shipping: o.amount_shipping,
    shipping: shippingJson(o),
    amount_refunded: o.amount_refunded,
    payment_processing: o.payment_processing,
    source: o.source,
    created_at: o.created_at.toISOString(),
    paid_at: o.paid_at?.toISOString() ?? null,
    items: o.items.map((i) => ({
      name: i.name,
      variant: i.variant_name,
      sku: i.sku,
      price: i.price_id,
      quantity: i.quantity,
      unit_amount: i.unit_amount,
      currency: i.currency,
      recurring: i.recurring_interval ? { interval: i.recurring_interval, interval_count: i.recurring_interval_count } : null,
      customization: i.customization,
    })),
  };
}
export type OrderJson = ReturnType<typeof orderJson>;
