import type { CartLine } from "../cart/types";
import type { OrderLineInput } from "../orders/types";

export function cartLinesToOrderLines(lines: CartLine[]): OrderLineInput[] {
  return lines.map((l) => ({
    productId: l.product_id,
    variantId: l.variant_id,
    priceId: l.price_id,
    name: l.product_name,
    variantName: l.variant_name,
    sku: l.sku,
    currency: l.currency,
    unitAmount: l.unit_amount,
    quantity: l.quantity,
    recurring: l.recurring_interval ? { interval: l.recurring_interval, interval_count: l.recurring_interval_count ?? 1 } : null,
  }));
}
