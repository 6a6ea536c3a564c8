import { assertCartPurchasable } from "../cart/purchasable";
import type { CartLine } from "../cart/types";
import type { OrderLineInput } from "../orders/types";

/**
 * The order lines of a cart about to be checked out. Refuses (CartError 400, naming the item) a
 * line the merchant switched off or units beyond max_per_order: called inside the checkout's
 * transaction on the locked cart, so nothing is held for such a cart.
 */
export function cartLinesToOrderLines(lines: CartLine[]): OrderLineInput[] {
  assertCartPurchasable(lines);
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
