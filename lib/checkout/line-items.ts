import type Stripe from "stripe";
import type { OrderItemRow } from "../orders/queries";

/**
 * Stripe line items built from our own order rows: amounts always come from the database.
 * No `adjustable_quantity`: Stripe is never a second editor of a cart. Quantities change only on the
 * shop's own checkout page, through syncCheckoutCart, which keeps held stock and the order in step.
 */
export function toSessionLineItem(
  item: Pick<OrderItemRow, "name" | "variant_name" | "currency" | "unit_amount" | "quantity" | "recurring_interval" | "recurring_interval_count" | "price_id" | "variant_id">,
): Stripe.Checkout.SessionCreateParams.LineItem {
  return {
    price_data: {
      currency: item.currency,
      unit_amount: item.unit_amount,
      product_data: {
        name: item.variant_name ? `${item.name} (${item.variant_name})` : item.name,
        metadata: { price_id: item.price_id ?? "", variant_id: String(item.variant_id) },
      },
      ...(item.recurring_interval
        ? { recurring: { interval: item.recurring_interval as Stripe.Checkout.SessionCreateParams.LineItem.PriceData.Recurring.Interval, interval_count: item.recurring_interval_count ?? 1 } }
        : {}),
    },
    quantity: item.quantity,
  };
}
