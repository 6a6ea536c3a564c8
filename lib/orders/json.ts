import { formatMoney } from "../money";
import type { OrderWithItems } from "./queries";

export function orderJson(o: OrderWithItems) {
  return {
    id: o.id,
    object: "order" as const,
    status: o.status,
    needs_review: o.needs_review,
    currency: o.currency,
    amount_total: o.amount_total,
    amount_total_with_currency: formatMoney(o.amount_total, o.currency),
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
